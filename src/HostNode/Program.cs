using Akka.Actor;
using Akka.Hosting;
using Cluster.Hosting;
using Cluster.Hosting.Akka;
using Cluster.Hosting.Configuration;
using Settings = Cluster.Hosting.Configuration.Settings;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hosting;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Serialization;

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
        using var loggers = LoggerFactory.Create(ProcessMain.ConfigureLogging);
        var log = loggers.CreateLogger("Cluster.HostNode");
        using var stop = new StopSignals();
        var storageLeases = await OpenStorageLeasesAsync(options, log, stop.Token).ConfigureAwait(false);
        try
        {
            var cna = new CnaSettings(options.HostId, options.Hardware, CpuFeatureSet.None, options.Datastores)
            {
                HeartbeatInterval = options.HeartbeatInterval,
                StorageLeases = storageLeases,
                StorageUnusableBecause = options.StorageLeases is null ? "no storage-lease store configured (--storage-leases)" : null,
                AgentsAsChildren = true,
            };
            var machine = new HostMachine(cna, new SynchronizedHypervisor(new SimulatedHypervisor(options.Hardware)), new LeaseLedger());
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

            return await RunUntilStoppedAsync(options, machine, log, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            if (storageLeases is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One actor system after another, each joining through the seeds, until the operator stops the process.</summary>
    private static async Task<int> RunUntilStoppedAsync(HostNodeOptions options, HostMachine machine, ILogger log, CancellationToken stop)
    {
        var lifetime = new NodeLifetime();
        for (var attempt = 1; ; attempt++)
        {
            log.LogInformation(
                "host {Host} joining the cluster as role host: listen {Listen}, seeds [{Seeds}], TLS {Tls} (system {Attempt})",
                options.HostId,
                $"{options.Formation.Hostname}:{options.Formation.Port}",
                string.Join(", ", options.Formation.Seeds ?? []),
                options.Formation.TlsOrOff.Enabled ? "on" : "off",
                attempt);
            var (reason, lived) = await RunSystemAsync(options, machine, log, stop).ConfigureAwait(false);
            var decision = lifetime.After(reason, stop.IsCancellationRequested, lived);
            if (!decision.Rejoin)
            {
                log.LogInformation("host {Host} exits ({Why})", options.HostId, decision.Why);
                return decision.ExitCode;
            }

            log.LogWarning("host {Host} left the cluster: {Why}; its {Count} running VMs keep running; rejoining in {Pause}", options.HostId, decision.Why, machine.RunningVms, decision.Pause);
            try
            {
                await Task.Delay(decision.Pause, TimeProvider.System, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                log.LogInformation("host {Host} exits (stop requested)", options.HostId);
                return ProcessMain.Ok;
            }
        }
    }

    /// <summary>Runs one actor system in its own Generic Host until it terminates or the operator stops the process.</summary>
    private static async Task<(CoordinatedShutdown.Reason? Reason, TimeSpan Lived)> RunSystemAsync(HostNodeOptions options, HostMachine machine, ILogger log, CancellationToken stop)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        ProcessMain.ConfigureLogging(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>();
        builder.Services.AddAkka(ClusterNodeSettings.SystemName, (akka, services) => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .AddClusterWireSerializer()
            .AddHocon(VrmSingleton.Hocon, HoconAddMode.Append)
            .AddClusterFormation(options.Formation, SqlLeaseConfig.HostSide())
            .WithActors((system, _) =>
            {
                var proxy = VrmSingleton.StartProxy(system);
                var cnaLog = services.GetRequiredService<ILoggerFactory>().CreateLogger("Cluster.HostNode.Cna");
                system.ActorOf(CnaActor.Props(machine.Cna, machine.Hypervisor, proxy, machine.Leases, cnaLog), "cna");
            }));
        using var host = builder.Build();
        var startedAt = TimeProvider.System.GetTimestamp();
        await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var member = Akka.Cluster.Cluster.Get(system);
        member.RegisterOnMemberUp(() => log.LogInformation("host {Host} is up in the cluster as {Address}; the CNA heartbeats to the VRM through the singleton proxy", options.HostId, member.SelfAddress));
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stop.Register(stopRequested.SetResult).ConfigureAwait(false))
        {
            await Task.WhenAny(system.WhenTerminated, stopRequested.Task).ConfigureAwait(false);
        }

        if (stop.IsCancellationRequested)
        {
            log.LogInformation("host {Host} stopping: leaving the cluster", options.HostId);
        }

        // Runs CoordinatedShutdown (cluster leave) if the system still runs, then disposes it.
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return (CoordinatedShutdown.Get(system).ShutdownReason, TimeProvider.System.GetElapsedTime(startedAt));
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
                // The controller's default schema: hosts have no --postgres-schema of their own.
                return await PostgresStorageLeaseStore.OpenAsync(options.StorageLeases["postgres:".Length..], "public", TimeProvider.System, cancellationToken)
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
