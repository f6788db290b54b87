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
        builder.WebHost.UseUrls([.. options.AdminUrls]);
        await using var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cluster.Controller");
        var stopping = app.Lifetime.ApplicationStopping;

        await using var storage = await ControllerStorage.OpenAsync(options, TimeProvider.System, stopping).ConfigureAwait(false);
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var system = await ClusterNode.StartAsync(options.Transport, loggerFactory, stopping).ConfigureAwait(false);
        try
        {
            var serializer = ControllerSerialization.CreateEventSerializer();
            var persistence = new PersistenceServices(storage.Journal, storage.Snapshots, serializer, options.NodeId);
            var controller = system.ActorOf(
                ControllerSingleton.Props(storage.Leases, options.Lease, options.NodeId, epoch => VrmActor.Props(persistence, options.Vrm, epoch, options.NodeId, storage.StorageLeases)),
                "controller");

            // The singleton forwards to the VRM when this controller is active and answers NotActive (503) otherwise.
            new AdminApi(system, () => controller, storage.Journal, serializer, new AdminApiOptions
            {
                BearerToken = options.AdminToken,
                RequireToken = options.AdminTokenRequired,
            }).Map(app);

            await StartAdminAsync(app, options).ConfigureAwait(false);
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
            throw new ConfigException("--admin-urls", $"cannot listen on {string.Join(',', options.AdminUrls)}: {ex.GetBaseException().Message}");
        }
    }
}
