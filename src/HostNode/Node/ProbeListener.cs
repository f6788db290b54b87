using System.Globalization;
using Cluster.Hosting.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cluster.HostNode.Node;

/// <summary>
/// The host node's probe listener (--health-listen): a Kestrel server that lives as long as the process and serves
/// only <see cref="HealthRoutes"/>. The node's actor systems come and go (each rejoin builds a new Generic Host), so
/// the routes ask whichever system's Akka.Hosting checks are attached now; between two systems both answer 503.
/// </summary>
public sealed class ProbeListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile HealthCheckService? _current;

    private ProbeListener(string host, int port, ILoggerFactory loggers)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}"));
        builder.Services.AddHealthChecks()
            .AddCheck(HealthRoutes.LiveTag, new AttachedSystemCheck(this, HealthRoutes.LiveTag), tags: [HealthRoutes.LiveTag])
            .AddCheck(HealthRoutes.ReadyTag, new AttachedSystemCheck(this, HealthRoutes.ReadyTag), tags: [HealthRoutes.ReadyTag]);
        _app = builder.Build();
        HealthRoutes.Map(_app);
    }

    /// <summary>Binds <paramref name="endpoint"/>; Program checked before that it is free.</summary>
    public static async Task<ProbeListener> StartAsync((string Host, int Port) endpoint, ILoggerFactory loggers)
    {
        var listener = new ProbeListener(endpoint.Host, endpoint.Port, loggers);
        await listener._app.StartAsync().ConfigureAwait(false);
        return listener;
    }

    /// <summary>The services of the Generic Host whose actor system now runs (its Akka.Hosting checks answer the probes).</summary>
    public void Attach(IServiceProvider services) => _current = services.GetRequiredService<HealthCheckService>();

    public void Detach() => _current = null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class AttachedSystemCheck(ProbeListener listener, string tag) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (listener._current is not { } current)
            {
                return HealthCheckResult.Unhealthy("no actor system runs (the node is between two systems)");
            }

            var report = await current.CheckHealthAsync(r => r.Tags.Contains(tag), cancellationToken).ConfigureAwait(false);
            return report.Entries.Count == 0
                ? HealthCheckResult.Unhealthy($"the actor system has no '{tag}' check")
                : new HealthCheckResult(report.Status);
        }
    }
}
