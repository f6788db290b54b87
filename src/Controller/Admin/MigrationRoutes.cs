using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// Live migration: POST /api/vms/{id}/migrate asks for a move, /api/migrations lists, shows and cancels them. The VRM
/// admits and its saga drives the phases; these routes only translate.
/// </summary>
internal static class MigrationRoutes
{
    public static void Map(IEndpointRouteBuilder api, VrmGateway vrm)
    {
        var json = ClusterMessagesJsonContext.Default;

        api.MapPost("/vms/{id}/migrate", (string id, HttpRequest request) => RouteIds.Then<VmId>(id, vmId => MigrateAsync(vmId, request, vrm)));

        api.MapGet("/migrations", () => vrm.AskAsync<MigrationList>(new ListMigrations(), l => AdminResults.Json(l.Migrations, json.IReadOnlyListMigrationView)));

        api.MapGet("/migrations/{id}", (string id) => RouteIds.Then<MigrationId>(id, migrationId => vrm.AskAsync<MigrationView>(new GetMigration(migrationId), Ok)));

        api.MapPost("/migrations/{id}/cancel", (string id) => RouteIds.Then<MigrationId>(id, migrationId => CancelAsync(migrationId, vrm)));
    }

    /// <summary>
    /// 202: the move is admitted and goes on without the caller (like a graceful stop); Location names the migration
    /// to follow, as RFC 9110 suggests for an accepted request whose status can be watched.
    /// </summary>
    private static async Task<IResult> MigrateAsync(VmId vmId, HttpRequest request, VrmGateway vrm)
    {
        HostId? host = null;
        DatastoreId? datastore = null;
        // No body means "placement picks", the same as {} or {"host": null}; a datastore alone moves only the disks.
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, bodyError) = await StrictJsonBody.ReadAsync<MigrateVmRequest>(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (bodyError is not null)
            {
                return AdminResults.Invalid([bodyError]);
            }

            (host, datastore) = (body!.Host, body.Datastore);
        }

        return await vrm.AskAsync<MigrationView>(new MigrateVm(vmId, host, Datastore: datastore), view =>
        {
            request.HttpContext.Response.Headers.Location = $"/api/migrations/{Uri.EscapeDataString(view.MigrationId.Value)}";
            return AdminResults.Json(view, ClusterMessagesJsonContext.Default.MigrationView, StatusCodes.Status202Accepted);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// A cancel that was taken answers the migration as it stands after it (rolled back, the operator named as the
    /// reason), which takes a second question; one that came too late is a 409 with the saga's reason.
    /// </summary>
    private static Task<IResult> CancelAsync(MigrationId migrationId, VrmGateway vrm) =>
        vrm.AskThenAsync<MigrationCancelAnswer>(new MigrationCancelRequested(migrationId), answer => answer.Cancelled
            ? vrm.AskAsync<MigrationView>(new GetMigration(migrationId), Ok)
            : Task.FromResult(AdminResults.Failure(AdminFailure.Conflict("migrationId", answer.Detail))));

    private static IResult Ok(MigrationView view) => AdminResults.Json(view, ClusterMessagesJsonContext.Default.MigrationView);
}
