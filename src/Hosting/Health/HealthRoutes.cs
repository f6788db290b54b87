using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cluster.Hosting.Health;

/// <summary>
/// The probe routes every process serves: <c>/healthz/live</c> (the actor system runs) and <c>/healthz/ready</c> (joined
/// the cluster, and whatever else a process adds under <see cref="ReadyTag"/>). They answer 200 <c>Healthy</c> or 503
/// <c>Unhealthy</c>/<c>Degraded</c> as plain text and nothing else: a probe needs no token, so it learns no state.
/// </summary>
public static class HealthRoutes
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";

    /// <summary>Akka.Hosting's tag on <c>WithActorSystemLivenessCheck</c>.</summary>
    public const string LiveTag = "liveness";

    /// <summary>Akka.Cluster.Hosting's tag on <c>WithAkkaClusterReadinessCheck</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Akka.Hosting's liveness (the system is not terminated) and readiness (this node joined) checks.</summary>
    public static AkkaConfigurationBuilder AddProbeChecks(this AkkaConfigurationBuilder akka) =>
        akka.WithActorSystemLivenessCheck().WithAkkaClusterReadinessCheck();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks(LivePath, Tagged(LiveTag));
        endpoints.MapHealthChecks(ReadyPath, Tagged(ReadyTag));
    }

    private static HealthCheckOptions Tagged(string tag) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = 200,
            [HealthStatus.Degraded] = 503,
            [HealthStatus.Unhealthy] = 503,
        },
    };
}
