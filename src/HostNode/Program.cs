using Cluster.Hosting;
using Cluster.Hosting.Configuration;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hosting;
using Cluster.HostNode.Hypervisor;
using Cluster.Messages;
using Cluster.Persistence;
using Cluster.Persistence.StorageLeases;

namespace Cluster.HostNode;

/// <summary>
/// The host-node process: one CNA agent for this compute host on a simulated hypervisor, heartbeating to
/// every configured controller over the cluster TCP transport. SIGTERM or Ctrl+C stops it gracefully.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => ProcessMain.RunAsync("host-node", HostNodeOptions.Usage, HostNodeOptions.Specs, args, RunAsync);

    private static async Task<int> RunAsync(Settings settings)
    {
        var options = HostNodeOptions.From(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        ProcessMain.ConfigureLogging(builder.Logging);
        using var host = builder.Build();
        var loggerFactory = host.Services.GetRequiredService<ILoggerFactory>();
        var log = loggerFactory.CreateLogger("Cluster.HostNode");
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        // The listener first: a busy port exits 2 in one line before the lease store is opened.
        var system = await ClusterNode.StartAsync(options.Transport, loggerFactory, stopping).ConfigureAwait(false);
        IStorageLeaseStore? storageLeases = null;
        PostgresBackend? backend = null;
        try
        {
            (storageLeases, backend) = await OpenStorageLeasesAsync(options, log, stopping).ConfigureAwait(false);
            var cna = new CnaSettings(options.HostId, options.Hardware, CpuFeatureSet.None, options.Datastores, options.Controllers)
            {
                HeartbeatInterval = options.HeartbeatInterval,
                StorageLeases = storageLeases,
                StorageUnusableBecause = options.StorageLeases is null ? "no storage-lease store configured (--storage-leases)" : null,
            };
            system.ActorOf(CnaActor.Props(cna, new SimulatedHypervisor(options.Hardware)), "cna");
            log.LogInformation(
                "host {Host} up: cluster transport {Address}, controllers {Controllers}, {Vcpus} vCPUs, {MemoryMb} MB, datastores [{Datastores}], heartbeat every {Interval}",
                options.HostId,
                system.Address,
                string.Join(", ", options.Controllers),
                options.Hardware.Vcpus,
                options.Hardware.MemoryMb,
                string.Join(", ", options.Datastores),
                options.HeartbeatInterval);
            if (options.Datastores.Count == 0)
            {
                log.LogWarning("no --datastore given: VMs with disks cannot be placed on this host");
            }

            await host.RunAsync().ConfigureAwait(false);
            log.LogInformation("host {Host} stopping", options.HostId);
            return ProcessMain.Ok;
        }
        finally
        {
            await system.DisposeAsync().ConfigureAwait(false);
            if (backend is not null)
            {
                await backend.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<(IStorageLeaseStore? Store, PostgresBackend? Backend)> OpenStorageLeasesAsync(HostNodeOptions options, ILogger log, CancellationToken cancellationToken)
    {
        if (options.StorageLeases is null)
        {
            log.LogWarning("no --storage-leases given: this host reports its datastores unreachable and receives no VMs");
            return (null, null);
        }

        if (options.StorageLeases == "none")
        {
            log.LogWarning("--storage-leases none: VMs run without storage write-leases, so nothing stops HA from running one twice");
            return (null, null);
        }

        if (options.StorageLeases.StartsWith("postgres:", StringComparison.Ordinal))
        {
            try
            {
                var backend = await PostgresBackend.OpenAsync(options.StorageLeases["postgres:".Length..], cancellationToken: cancellationToken).ConfigureAwait(false);
                return (await PostgresStorageLeaseStore.OpenAsync(backend, TimeProvider.System, cancellationToken).ConfigureAwait(false), backend);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ConfigException("--storage-leases", $"cannot open the PostgreSQL lease store: {ex.GetBaseException().Message}");
            }
        }

        if (!File.Exists(Path.Combine(options.StorageLeases, DirectoryStorageLeaseStore.MarkerFileName)))
        {
            // Not fatal: the shared volume may be mounted later. Until then every lease call fails and no VM starts here.
            log.LogWarning("storage-lease directory {Root} has no {Marker} marker (not mounted or not formatted); VMs cannot start here until it has", options.StorageLeases, DirectoryStorageLeaseStore.MarkerFileName);
        }

        try
        {
            return (new DirectoryStorageLeaseStore(options.StorageLeases, TimeProvider.System), null);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigException("--storage-leases", ex.Message);
        }
    }
}
