using Cluster.Hosting;
using Cluster.Hosting.Akka;
using Cluster.Hosting.Configuration;
using Settings = Cluster.Hosting.Configuration.Settings;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hosting;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.Persistence.StorageLeases;

namespace Cluster.HostNode;

/// <summary>
/// The host-node process: an Akka.NET cluster member of role host, with one CNA actor for this compute host on a
/// simulated hypervisor, reaching the VRM through the singleton proxy. The hypervisor and the storage-lease store live
/// for the whole process, outside the actor system: when the split-brain resolver downs the node its system ends, the
/// VMs keep running, and a fresh system rejoins through the seeds and adopts them. Only SIGTERM or Ctrl+C ends the
/// process, after leaving the cluster gracefully.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => ProcessMain.RunAsync("host-node", HostNodeOptions.Usage, HostNodeOptions.Specs, args, RunAsync);

    private static async Task<int> RunAsync(Settings settings)
    {
        var options = HostNodeOptions.From(settings);

        // A busy port is one line and exit 2 before anything joins or opens the lease store.
        PortAvailability.EnsureFree("--listen", "cluster", options.Formation.Hostname, options.Formation.Port);
        if (options.HealthListen is { } health)
        {
            PortAvailability.EnsureFree("--health-listen", "probe", health.Host, health.Port);
        }

        PortAvailability.EnsureFree("--migration-listen", "migration", options.MigrationListen.Listen.Address.ToString(), options.MigrationListen.Listen.Port);
        using var loggers = LoggerFactory.Create(ProcessMain.ConfigureLogging);
        var log = loggers.CreateLogger("Cluster.HostNode");
        using var stop = new StopSignals();
        using var migrations = MigrationListener.Open(options, loggers);
        log.LogInformation("host {Host}: incoming live migrations at {Uri} (TLS {Tls})", options.HostId, migrations.AdvertisedUri, options.Formation.TlsOrOff.Enabled ? "on" : "off");
        var storageLeases = await OpenStorageLeasesAsync(options, log, stop.Token).ConfigureAwait(false);
        try
        {
            var cna = new CnaSettings(options.HostId, options.Hardware, options.CpuFeatures, options.Datastores)
            {
                HeartbeatInterval = options.HeartbeatInterval,
                StorageLeases = storageLeases,
                StorageUnusableBecause = options.StorageLeases is null ? "no storage-lease store configured (--storage-leases)" : null,
                AgentsAsChildren = true,
            };
            var hypervisor = new SimulatedHypervisor(options.Hardware, site: new SimulatedHostSite(options.HostId.Value, migrations, new GuestWorkloads()));
            var machine = new HostMachine(cna, new SynchronizedHypervisor(hypervisor), new LeaseLedger());
            if (options.GuestStateFile is { } keptIn && KeptGuests.TakeBack(keptIn, hypervisor, machine) is { } kept)
            {
                log.LogInformation(
                    "host {Host}: {Count} guests kept running while the agent was stopped: [{Guests}]",
                    options.HostId,
                    kept.Guests.Count,
                    string.Join(", ", kept.Guests.Select(g => $"{g.Vm} incarnation {g.Incarnation}")));
            }

            log.LogInformation(
                "host {Host}: {Vcpus} vCPUs, {MemoryMb} MB, datastores [{Datastores}], heartbeat every {Interval}",
                options.HostId,
                options.Hardware.Vcpus,
                options.Hardware.MemoryMb,
                string.Join(", ", options.Datastores),
                options.HeartbeatInterval);
            if (options.Datastores.Count == 0)
            {
                log.LogWarning("no --datastore given: VMs with disks cannot be placed on this host");
            }

            await using var probes = options.HealthListen is { } healthListen ? await ProbeListener.StartAsync(healthListen, loggers).ConfigureAwait(false) : null;
            if (probes is not null)
            {
                log.LogInformation("host {Host}: probes /healthz/live and /healthz/ready at {Endpoint}", options.HostId, $"{options.HealthListen!.Value.Host}:{options.HealthListen.Value.Port}");
            }

            var exitCode = await new HostNodeSystems(options, machine, loggers, TimeProvider.System) { Probes = probes }.RunAsync(stop.Token).ConfigureAwait(false);
            if (options.GuestStateFile is { } keepIn)
            {
                // The actor system has ended: nothing changes the hypervisor or the ledger any more.
                var running = hypervisor.RunningGuests();
                KeptGuests.Save(keepIn, running, machine);
                log.LogInformation("host {Host}: {Count} guests keep running for the next start ({File})", options.HostId, running.Count, keepIn);
            }

            return exitCode;
        }
        finally
        {
            if (storageLeases is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<IStorageLeaseStore?> OpenStorageLeasesAsync(HostNodeOptions options, ILogger log, CancellationToken cancellationToken)
    {
        if (options.StorageLeases is null)
        {
            log.LogWarning("no --storage-leases given: this host reports its datastores unreachable and receives no VMs");
            return null;
        }

        if (options.StorageLeases == "none")
        {
            log.LogWarning("--storage-leases none: VMs run without storage write-leases, so nothing stops HA from running one twice");
            return null;
        }

        if (options.StorageLeases.StartsWith("postgres:", StringComparison.Ordinal))
        {
            try
            {
                return await PostgresStorageLeaseStore.OpenAsync(options.StorageLeases["postgres:".Length..], options.PostgresSchema, TimeProvider.System, cancellationToken)
                    .ConfigureAwait(false);
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
            return new DirectoryStorageLeaseStore(options.StorageLeases, TimeProvider.System);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigException("--storage-leases", ex.Message);
        }
    }
}
