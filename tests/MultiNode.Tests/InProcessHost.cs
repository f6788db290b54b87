using Akka.Actor;
using Akka.Configuration;
using Settings = Cluster.Hosting.Configuration.Settings;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hosting;
using Cluster.HostNode.Hypervisor;
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

    private InProcessHost(HostNodeOptions options, int port, HostMachine machine, TestLog log, Config overrides)
    {
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
        var machine = new HostMachine(cna, new SynchronizedHypervisor(new SimulatedHypervisor(options.Hardware)), new LeaseLedger());
        return new InProcessHost(options, port, machine, log, overrides);
    }

    /// <summary>The VMs the hypervisor runs now, with the incarnation each was started as.</summary>
    public IReadOnlyDictionary<VmId, long> RunningVms() =>
        Machine.Hypervisor.Report().Where(r => r.PowerState == VmPowerState.Running).ToDictionary(r => r.VmId, r => r.Incarnation);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
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
