using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>/api/cluster and /api/hosts: questions to the VRM, and host removal.</summary>
internal static class ClusterRoutes
{
    public static void Map(IEndpointRouteBuilder api, VrmGateway vrm)
    {
        var json = ClusterMessagesJsonContext.Default;

        api.MapGet("/cluster", () => vrm.AskAsync<ClusterStatus>(new GetClusterStatus(), s => AdminResults.Json(s, json.ClusterStatus)));

        api.MapGet("/cluster/leader", () => vrm.AskAsync<LeaderInfo>(
            new GetLeader(),
            l => AdminResults.Json(new LeaderView(l.Holder, l.Epoch, l.IsActive), json.LeaderView)));

        api.MapGet("/hosts", () => vrm.AskAsync<HostList>(new ListHosts(), l => AdminResults.Json(l.Hosts, json.IReadOnlyListHostView)));

        api.MapGet("/hosts/{id}", (string id) => RouteIds.TryParse<HostId>(id, out var hostId, out var error)
            ? vrm.AskAsync<HostView>(new GetHost(hostId), h => AdminResults.Json(h, json.HostView))
            : Task.FromResult(error!));

        // 204 once removed; 409 with the reason (the VMs placed there, or that it is Normal and heartbeating).
        api.MapDelete("/hosts/{id}", (string id) => RouteIds.TryParse<HostId>(id, out var hostId, out var error)
            ? vrm.AskAsync<HostView>(new RemoveHost(hostId), _ => Results.NoContent())
            : Task.FromResult(error!));
    }
}
