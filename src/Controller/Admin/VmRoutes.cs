using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>/api/vms: the VM list and lifecycle commands. The VRM decides; these routes only translate.</summary>
internal static class VmRoutes
{
    public static void Map(IEndpointRouteBuilder api, VrmGateway vrm)
    {
        var json = ClusterMessagesJsonContext.Default;

        api.MapGet("/vms", () => vrm.AskAsync<VmList>(new ListVms(), l => AdminResults.Json(l.Vms, json.IReadOnlyListVmView)));

        api.MapGet("/vms/{id}", (string id) => RouteIds.Then<VmId>(id, vmId => vrm.AskAsync<VmView>(new GetVm(vmId), Ok)));

        api.MapPost("/vms", (HttpRequest request) => CreateAsync(request.HttpContext, vrm));

        api.MapPost("/vms/{id}/start", (string id) => RouteIds.Then<VmId>(id, vmId => vrm.AskAsync<VmView>(new PowerOnVm(vmId), Ok)));

        api.MapPost("/vms/{id}/stop", (string id, HttpContext http) => RouteIds.Then<VmId>(id, vmId =>
        {
            var query = new QueryReader(http.Request.Query);
            var force = query.Bool("force", fallback: false);
            return query.Errors.Count > 0
                ? Task.FromResult(AdminResults.Invalid(query.Errors))
                : vrm.AskAsync<VmView>(new PowerOffVm(vmId, Graceful: !force), Stopped);
        }));

        api.MapPost("/vms/{id}/reconfigure", (string id, HttpRequest request) => RouteIds.Then<VmId>(id, vmId => ReconfigureAsync(vmId, request, vrm)));

        api.MapDelete("/vms/{id}", (string id) => RouteIds.Then<VmId>(id, vmId => vrm.AskAsync<VmView>(new RemoveVm(vmId), _ => Results.NoContent())));
    }

    /// <summary>A stop answers 200 with the final state, or 202 with Stopping while the host has not confirmed yet.</summary>
    private static IResult Stopped(VmView view) => view.PowerState == VmPowerState.Stopping
        ? AdminResults.Json(view, ClusterMessagesJsonContext.Default.VmView, StatusCodes.Status202Accepted)
        : Ok(view);

    private static IResult Ok(VmView view) => AdminResults.Json(view, ClusterMessagesJsonContext.Default.VmView);

    private static async Task<IResult> ReconfigureAsync(VmId vmId, HttpRequest request, VrmGateway vrm)
    {
        var (body, bodyError) = await StrictJsonBody.ReadAsync<ReconfigureVmRequest>(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return bodyError is not null
            ? AdminResults.Invalid([bodyError])
            : await vrm.AskAsync<VmView>(new ReconfigureVm(vmId, body!), Ok).ConfigureAwait(false);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, VrmGateway vrm)
    {
        var (request, bodyError) = await StrictJsonBody.ReadAsync<CreateVmRequest>(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return AdminResults.Invalid([bodyError]);
        }

        // Validate at the edge too: the caller hears about every bad field without a trip through the VRM.
        if (request!.Validate() is { Count: > 0 } errors)
        {
            return AdminResults.Invalid(errors);
        }

        return await vrm.AskAsync<VmView>(new CreateVm(request), view =>
        {
            http.Response.Headers.Location = $"/api/vms/{Uri.EscapeDataString(view.VmId.Value)}";
            return AdminResults.Json(view, ClusterMessagesJsonContext.Default.VmView, StatusCodes.Status201Created);
        }).ConfigureAwait(false);
    }
}
