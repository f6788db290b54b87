using Cluster.Messages;
using Cluster.Runtime.Cluster;

namespace Cluster.Controller.Admin;

/// <summary>
/// /api/cluster/members, /leave and /down: Akka.Cluster membership in the style of pbm's cluster commands. Without
/// an <see cref="IClusterAdmin"/> (a controller not on Akka.Cluster) every one answers 503.
/// </summary>
internal static class MembershipRoutes
{
    public const string NotAvailable = "cluster membership is not available on this controller (it does not run on Akka.Cluster)";

    public static void Map(IEndpointRouteBuilder api, IClusterAdmin? cluster)
    {
        api.MapGet("/cluster/members", () => cluster is null
            ? Unavailable()
            : AdminResults.Json(cluster.Members(), ClusterMessagesJsonContext.Default.ClusterMembersView));

        api.MapPost("/cluster/leave", (HttpRequest request) => CommandAsync(request, cluster, (c, address) => c.Leave(address)));

        api.MapPost("/cluster/down", (HttpRequest request) => CommandAsync(request, cluster, (c, address) => c.Down(address)));
    }

    private static IResult Unavailable() => AdminResults.Error(StatusCodes.Status503ServiceUnavailable, NotAvailable);

    /// <summary>202 with the member as it was: the change itself spreads by gossip, <c>cluster show</c> follows it.</summary>
    private static async Task<IResult> CommandAsync(HttpRequest request, IClusterAdmin? cluster, Func<IClusterAdmin, string?, MembershipCommandResult> command)
    {
        if (cluster is null)
        {
            return Unavailable();
        }

        var (body, bodyError) = await StrictJsonBody.ReadAsync<ClusterMemberRequest>(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return AdminResults.Invalid([bodyError]);
        }

        var result = command(cluster, body!.Address);
        return result switch
        {
            { Member: { } member } => AdminResults.Json(member, ClusterMessagesJsonContext.Default.ClusterMemberView, StatusCodes.Status202Accepted),
            { Refusal: MembershipRefusal.NotAMember } => AdminProblems.Result(StatusCodes.Status404NotFound, result.Error!.Reason, [result.Error]),
            _ => AdminResults.Invalid([result.Error!]),
        };
    }
}
