using Akka.Actor;
using Akka.Configuration;
using Settings = Cluster.Hosting.Configuration.Settings;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hosting;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Tcp;
using Cluster.HostNode.Node;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// A host node as the host-node process composes it (<see cref="HostNodeSystems"/>: one actor system after another,
/// rejoining when downed), in this test process. The hypervisor outlives each system, as the process's does.
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _running;
    private readonly List<ActorSystem> _systems = [];

    private readonly TcpMigrationTransport _migrations;
    private bool _killed;

    private InProcessHost(HostNodeOptions options, int port, HostMachine machine, TcpMigrationTransport migrations, TestLog log, Config overrides)
    {
        _migrations = migrations;
        Id = options.HostId;
        Port = port;
        Machine = machine;
        var systems = new HostNodeSystems(options, machine, log.For(options.HostId.Value), TimeProvider.System)
        {
            Overrides = overrides,
            SystemStarted = Started,
        };
        _running = systems.RunAsync(_stop.Token);
    }

    public HostId Id { get; }

    public int Port { get; }

    public HostMachine Machine { get; }

    /// <summary>The actor system now running (the latest one started); throws before the first has started.</summary>
    public ActorSystem System
    {
        get
        {
            lock (_systems)
            {
                return _systems.Count > 0 ? _systems[^1] : throw new InvalidOperationException($"host {Id} has no actor system yet");
            }
        }
    }

    /// <summary>How many actor systems this node has run: more than one means it was downed and rejoined.</summary>
    public int SystemsStarted
    {
        get
        {
            lock (_systems)
            {
                return _systems.Count;
            }
        }
    }

    public static InProcessHost Start(string id, int port, string storageLeases, Config overrides, TestLog log)
    {
        var options = HostNodeOptions.From(Settings.Load(
            HostNodeOptions.Specs,
            ["--host-id", id, "--listen", $"127.0.0.1:{port}", "--no-tls", "--datastore", "ds-1", "--storage-leases", storageLeases],
            _ => null,
            null));
        var cna = new CnaSettings(options.HostId, options.Hardware, CpuFeatureSet.None, options.Datastores)
        {
            HeartbeatInterval = options.HeartbeatInterval,
            StorageLeases = new DirectoryStorageLeaseStore(storageLeases, TimeProvider.System),
            AgentsAsChildren = true,
        };
        // Each host listens for migrations on a socket of its own, as a host-node process does: a host killed here closes
        // its connections for real, and its peers learn of it as they would of a killed process.
        var migrations = MigrationListener.Open(options, log.For(id));
        var site = new SimulatedHostSite(id, migrations, new GuestWorkloads());
        var machine = new HostMachine(cna, new SynchronizedHypervisor(new SimulatedHypervisor(options.Hardware, site: site)), new LeaseLedger());
        return new InProcessHost(options, port, machine, migrations, log, overrides);
    }

    /// <summary>The VMs the hypervisor runs now, with the incarnation each was started as; none once the host was killed, as its VMs died with it.</summary>
    public IReadOnlyDictionary<VmId, long> RunningVms() =>
        _killed ? new Dictionary<VmId, long>()
            : Machine.Hypervisor.Report().Where(r => r.PowerState == VmPowerState.Running).ToDictionary(r => r.VmId, r => r.Incarnation);

    /// <summary>
    /// As kill -9 would: the migration sockets close at once (a peer's transfer sees the reset), every link to the
    /// other nodes is cut so nothing leaves gracefully, and the node's systems stop; its VMs count as dead.
    /// </summary>
    public async Task KillAsync(IEnumerable<int> peerPorts)
    {
        _killed = true;
        _migrations.Dispose();
        foreach (var port in peerPorts)
        {
            await Links.CutAsync(System, port).ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _migrations.Dispose();
        _stop.Dispose();
    }

    private void Started(ActorSystem system)
    {
        lock (_systems)
        {
            _systems.Add(system);
        }
    }
}
