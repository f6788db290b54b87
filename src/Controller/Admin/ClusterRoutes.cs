using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// /api/cluster, /api/hosts and /api/datastores: questions to the VRM, maintenance mode, and host removal. The cluster
/// admin, when the process runs on Akka.Cluster, adds where the VRM singleton runs to the leader answer.
/// </summary>
internal static class ClusterRoutes
{
    public static void Map(IEndpointRouteBuilder api, VrmGateway vrm, IClusterAdmin? cluster)
    {
        var json = ClusterMessagesJsonContext.Default;

        api.MapGet("/cluster", () => vrm.AskAsync<ClusterStatus>(new GetClusterStatus(), s => AdminResults.Json(s, json.ClusterStatus)));

        api.MapGet("/cluster/leader", () => LeaderAsync(vrm, cluster));

        api.MapGet("/hosts", () => vrm.AskAsync<HostList>(new ListHosts(), l => AdminResults.Json(l.Hosts, json.IReadOnlyListHostView)));

        api.MapGet("/hosts/{id}", (string id) => RouteIds.TryParse<HostId>(id, out var hostId, out var error)
            ? vrm.AskAsync<HostView>(new GetHost(hostId), h => AdminResults.Json(h, json.HostView))
            : Task.FromResult(error!));

        api.MapGet("/datastores", () => vrm.AskAsync<DatastoreList>(new ListDatastores(), l => AdminResults.Json(l.Datastores, json.IReadOnlyListDatastoreView)));

        api.MapGet("/datastores/{id}", (string id) => RouteIds.TryParse<DatastoreId>(id, out var datastoreId, out var error)
            ? vrm.AskAsync<DatastoreView>(new GetDatastore(datastoreId), d => AdminResults.Json(d, json.DatastoreView))
            : Task.FromResult(error!));

        // Maintenance mode: 202 with the host as it stands (EnteringMaintenance while its VMs move, its maintenance line
        // saying how far the evacuation is or what blocks it); DELETE takes it out again (cancels one still entering).
        api.MapPost("/hosts/{id}/maintenance", (string id) => RouteIds.TryParse<HostId>(id, out var hostId, out var error)
            ? vrm.AskAsync<HostView>(new EnterMaintenance(hostId), h => AdminResults.Json(h, json.HostView, h.State == HostState.Maintenance ? StatusCodes.Status200OK : StatusCodes.Status202Accepted))
            : Task.FromResult(error!));

        api.MapDelete("/hosts/{id}/maintenance", (string id) => RouteIds.TryParse<HostId>(id, out var hostId, out var error)
            ? vrm.AskAsync<HostView>(new ExitMaintenance(hostId), h => AdminResults.Json(h, json.HostView))
            : Task.FromResult(error!));

        // 204 once removed; 409 with the reason (the VMs placed there, or that it is Normal and heartbeating).
        api.MapDelete("/hosts/{id}", (string id) => RouteIds.TryParse<HostId>(id, out var hostId, out var error)
            ? vrm.AskAsync<HostView>(new RemoveHost(hostId), _ => Results.NoContent())
            : Task.FromResult(error!));
    }

    /// <summary>
    /// The lease's answer (holder, epoch), plus where membership places the singleton: a standby that has not read the
    /// lease yet, or runs no VRM shell at all, can still name the active controller.
    /// </summary>
    private static Task<IResult> LeaderAsync(VrmGateway vrm, IClusterAdmin? cluster)
    {
        var members = cluster?.Members();
        var singletonAt = members?.SingletonAt;

        // Through the singleton proxy the VRM answers wherever it runs: this controller is the active one only if it runs here.
        var runsHere = members is null || members.SingletonAt == members.SelfAddress;
        var json = ClusterMessagesJsonContext.Default.LeaderView;
        return vrm.AskAsync<LeaderInfo>(
            new GetLeader(),
            l => AdminResults.Json(new LeaderView(l.Holder, l.Epoch, l.IsActive && runsHere, singletonAt), json),
            cluster is null ? null : () => AdminResults.Json(new LeaderView(string.Empty, 0, false, singletonAt), json));
    }
}
