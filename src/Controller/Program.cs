using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Cluster.Controller.Admin;
using Cluster.Controller.Hosting;
using Cluster.Hosting;
using Cluster.Hosting.Akka;
using Cluster.Hosting.Configuration;
using Cluster.Hosting.Health;
using Cluster.Hosting.Telemetry;
using Cluster.Runtime.Cluster;
using Settings = Cluster.Hosting.Configuration.Settings;

namespace Cluster.Controller;

/// <summary>
/// The controller process on the Generic Host: Akka.NET (role controller, the VRM as a leased cluster singleton,
/// Akka.Persistence.Sql) and Kestrel serving the admin API. Every controller on one database runs the manager; the
/// oldest that holds the lease runs the VRM. SIGTERM or Ctrl+C runs CoordinatedShutdown: this node leaves the
/// cluster, an active VRM finishes its writes and hands over, and the lease is released.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => ProcessMain.RunAsync("controller", ControllerOptions.Usage, ControllerOptions.Specs, args, RunAsync);

    private static async Task<int> RunAsync(Settings settings)
    {
        var options = ControllerOptions.From(settings);

        // Every port is checked before Akka starts: a busy one exits 2 naming it, before joining or taking a lease.
        PortAvailability.EnsureFree("--listen", "cluster", options.Formation.Hostname, options.Formation.Port);
        foreach (var (host, port) in options.AdminUrls.Select(AdminBinding.Endpoint))
        {
            PortAvailability.EnsureFree("--admin-urls", "admin", host, port);
        }

        await using var storage = await ControllerStorage.OpenAsync(options, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        ProcessMain.ConfigureLogging(builder.Logging);

        // A listener that cannot be bound is reported in one line (StartAsync below); not also as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.UseUrls([.. options.AdminUrls]);
        DatabaseHealthCheck.AddTo(builder.Services.AddHealthChecks(), options);
        builder.Services.AddClusterTelemetry("cluster-controller", options.NodeId, prometheus: true);
        builder.Services.AddAkka(ClusterNodeSettings.SystemName, (akka, services) =>
            akka.AddController(options, storage.StorageLeases, services.GetRequiredService<ILoggerFactory>()).AddProbeChecks());
        await using var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var log = loggerFactory.CreateLogger("Cluster.Controller");

        // Resolving the system starts Akka (remoting binds, the node joins its seeds); the singleton manager, which takes
        // the lease, and the proxy start with the host (WithActors), before Kestrel.
        var system = app.Services.GetRequiredService<ActorSystem>();

        // An actor system that ends on its own (downed, a refused TLS handshake to a seed) ends the process.
        _ = system.WhenTerminated.ContinueWith(_ => app.Lifetime.StopApplication(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        var proxy = app.Services.GetRequiredService<IRequiredActor<VrmProxyKey>>();
        new AdminApi(new AkkaVrmClient(proxy.GetAsync), new AkkaEventFeed(system), loggerFactory, new AdminApiOptions
        {
            BearerToken = options.AdminToken,
            RequireToken = options.AdminTokenRequired,
            AllowedHostNames = options.AdminHostNames,
            AllowedOrigins = options.AdminAllowedOrigins,
            ServesMetrics = true,
        }, new ClusterMembershipAdmin(new ClusterMembership(system))).Map(app);
        HealthRoutes.Map(app);

        if (!await StartAsync(app, options, system).ConfigureAwait(false))
        {
            log.LogError("controller {Node}: the actor system ended during start-up ({Reason}); see the lines above", options.NodeId, CoordinatedShutdown.Get(system).ShutdownReason);
            return ProcessMain.Failed;
        }

        log.LogInformation(
            "controller {Node} up: cluster {Address}, admin API {Urls}, database {Kind}, storage leases {Leases}",
            options.NodeId,
            Akka.Cluster.Cluster.Get(system).SelfAddress,
            string.Join(',', options.AdminUrls),
            options.DatabaseKind,
            options.StorageLeaseDirectory ?? "postgres");

        var stopping = app.Lifetime.ApplicationStopping;
        var seeding = new DatastoreSeeder(await proxy.GetAsync(stopping).ConfigureAwait(false), options.Datastores, TimeProvider.System, log).RunAsync(stopping);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await seeding.ConfigureAwait(false);
        log.LogInformation("controller {Node} stopped", options.NodeId);

        // An actor system that ended on its own (downed, a failed TLS handshake) is not a clean stop.
        var reason = CoordinatedShutdown.Get(system).ShutdownReason;
        if (reason is null or CoordinatedShutdown.ClrExitReason or CoordinatedShutdown.ClusterLeavingReason)
        {
            return ProcessMain.Ok;
        }

        log.LogError("controller {Node}: the actor system ended on its own ({Reason})", options.NodeId, reason);
        return ProcessMain.Failed;
    }

    /// <summary>Starts Akka, then Kestrel; false if the actor system ended meanwhile.</summary>
    private static async Task<bool> StartAsync(WebApplication app, ControllerOptions options, ActorSystem system)
    {
        try
        {
            await app.StartAsync().ConfigureAwait(false);
            return !system.WhenTerminated.IsCompleted;
        }
        catch (Exception) when (system.WhenTerminated.IsCompleted)
        {
            return false;
        }
        catch (IOException ex)
        {
            // Kestrel says "Failed to bind to address http://127.0.0.1:9110: address already in use." with a stack trace; one line instead.
            var url = options.AdminUrls.FirstOrDefault(u => ex.Message.Contains(u.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
            var (host, port) = AdminBinding.Endpoint(url ?? options.AdminUrls[0]);
            var why = ex.GetBaseException() is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or Microsoft.AspNetCore.Connections.AddressInUseException
                ? "is already in use"
                : $"cannot be bound: {ex.GetBaseException().Message}";
            throw new ConfigException("--admin-urls", $"admin port {host}:{port} {why}");
        }
    }
}
