using System.Net.Sockets;
using Cluster.Actors;
using Cluster.Controller.Admin;
using Cluster.Controller.Hosting;
using Cluster.Controller.Serialization;
using Cluster.Controller.Singleton;
using Cluster.Controller.Vrm;
using Cluster.Hosting;
using Cluster.Hosting.Configuration;
using Cluster.Persistence;

namespace Cluster.Controller;

/// <summary>
/// The controller process: the actor system on the cluster TCP transport running the controller
/// singleton (active if it wins the database lease, standby otherwise), and Kestrel serving the admin API.
/// Two processes on one database form active + standby. SIGTERM or Ctrl+C stops it gracefully.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => ProcessMain.RunAsync("controller", ControllerOptions.Usage, ControllerOptions.Specs, args, RunAsync);

    private static async Task<int> RunAsync(Settings settings)
    {
        var options = ControllerOptions.From(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        ProcessMain.ConfigureLogging(builder.Logging);

        // A listener that cannot be bound is reported in one line (StartAdminAsync); not also as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.UseUrls([.. options.AdminUrls]);
        await using var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cluster.Controller");
        var stopping = app.Lifetime.ApplicationStopping;

        // Opening the database takes nothing; the lease is taken by the controller singleton, started last.
        await using var storage = await ControllerStorage.OpenAsync(options, TimeProvider.System, stopping).ConfigureAwait(false);
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var system = await ClusterNode.StartAsync(options.Transport, loggerFactory, stopping).ConfigureAwait(false);
        try
        {
            var serializer = ControllerSerialization.CreateEventSerializer();
            var persistence = new PersistenceServices(storage.Journal, storage.Snapshots, serializer, options.NodeId);

            // The singleton forwards to the VRM when this controller is active and answers NotActive (503)
            // otherwise; until it exists (the admin port is bound first) the API answers 503 too.
            ActorRef? singleton = null;
            new AdminApi(new KernelVrmClient(system, () => singleton), new JournalEventFeed(storage.Journal, serializer, log), loggerFactory, new AdminApiOptions
            {
                BearerToken = options.AdminToken,
                RequireToken = options.AdminTokenRequired,
                AllowedHostNames = options.AdminHostNames,
                AllowedOrigins = options.AdminAllowedOrigins,
            }).Map(app);

            // Every listener is bound before anything is acquired: a busy port exits 2 holding no lease.
            await StartAdminAsync(app, options).ConfigureAwait(false);
            var controller = system.ActorOf(
                ControllerSingleton.Props(storage.Leases, options.Lease, options.NodeId, epoch => VrmActor.Props(persistence, options.Vrm, epoch, options.NodeId, storage.StorageLeases)),
                "controller");
            singleton = controller;
            log.LogInformation(
                "controller {Node} up: cluster transport {Address}, admin API {Urls}, database {Kind}, storage leases {Leases}",
                options.NodeId,
                system.Address,
                string.Join(',', options.AdminUrls),
                options.DatabaseKind,
                options.StorageLeaseDirectory ?? "postgres");

            var seeding = new DatastoreSeeder(system, controller, options.Datastores, TimeProvider.System, log).RunAsync(stopping);
            await app.WaitForShutdownAsync().ConfigureAwait(false);
            await seeding.ConfigureAwait(false);
            log.LogInformation("controller {Node} stopping", options.NodeId);
            await StepDownAsync(system, controller, log).ConfigureAwait(false);
            return ProcessMain.Ok;
        }
        finally
        {
            await system.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Gives the lease back once the VRM has stopped, so a standby need not wait out the TTL.</summary>
    private static async Task StepDownAsync(ActorSystem system, ActorRef controller, ILogger log)
    {
        try
        {
            var result = await system.Ask<SteppedDown>(controller, new StepDown(), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            log.LogInformation(result.LeaseReleased ? "controller lease released" : "this controller held no lease");
        }
        catch (AskTimeoutException)
        {
            log.LogWarning("could not release the controller lease within 5 s; a standby takes over when it expires");
        }
    }

    private static async Task StartAdminAsync(WebApplication app, ControllerOptions options)
    {
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel says "Failed to bind to address http://127.0.0.1:9110: address already in use." with a stack trace; one line instead.
            var url = options.AdminUrls.FirstOrDefault(u => ex.Message.Contains(u.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
            var where = url is null ? string.Join(',', options.AdminUrls) : new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal)).Authority;
            var why = ex.GetBaseException() is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or Microsoft.AspNetCore.Connections.AddressInUseException
                ? "is already in use"
                : $"cannot be bound: {ex.GetBaseException().Message}";
            throw new ConfigException("--admin-urls", $"admin port {where} {why}");
        }
    }
}
