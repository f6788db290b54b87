using Cluster.Controller.FailureDetection;
using Cluster.Controller.Vrm;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Deciders;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using Cluster.Simulation.Hosts;
using Cluster.Simulation.World;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Simulation;

/// <summary>
/// A whole cluster in one deterministic world of deciders: controller nodes ("ctrl-1", ...) competing for the VRM
/// singleton's lease, one database (the world's journal and snapshot store, the singleton's lease), and one node per
/// compute host running its CNA decider on a simulated hypervisor. Hosts reach the VRM through the singleton's proxy,
/// never a fixed controller. Hosts and controllers can crash and restart; any link between two nodes can be faulted.
/// </summary>
public sealed partial class SimulatedCluster
{
    /// <summary>The VRM's persistence id and singleton name.</summary>
    public const string Vrm = "vrm";
    public const string Cna = "cna";
    public const string Gateway = "gateway";

    private readonly Dictionary<HostId, SimulatedHostRuntime> _hosts = [];
    private readonly ILoggerFactory _loggers;
    private readonly IReadOnlyList<Peer> _controllerResponders;
    private readonly bool _hasGateway;
    private readonly List<IWireMessage> _decodedEvents = [];

    public SimulatedCluster(SimulatedClusterOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        World = new SimWorld(options.Seed, VrmJournalCodec.Shared);
        StorageLeases = new InMemoryStorageLeaseStore(World.Clock);
        MigrationNetwork = new InProcessMigrationNetwork(HostsReachEachOther);
        var storageReader = new StorageLeaseReader(StorageLeases);
        var vrmLog = _loggers.CreateLogger<VrmDecider>();
        Singleton = World.CreateSingleton(Vrm, (node, epoch) => new VrmDecider(options.Vrm, epoch, node.Name, vrmLog), options.Lease);
        ControllerNames = [.. Enumerable.Range(1, options.Controllers).Select(i => $"ctrl-{i}")];
        _controllerResponders = [.. ControllerNames.Select(c => new SimAddress(c, PingResponderDecider.Name).AsPeer())];
        HandleEffects(storageReader);
        foreach (var name in ControllerNames)
        {
            World.CreateNode(name, StartController);
        }

        // The isolation address exists only when some host would act on isolation, so other runs stay as they were.
        _hasGateway = options.Hosts.Any(h => h.IsolationResponse != IsolationResponse.LeaveRunning);
        if (_hasGateway)
        {
            World.CreateNode(Gateway, node => node.Host(PingResponderDecider.Name, () => new PingResponderDecider()));
        }

        foreach (var host in options.Hosts)
        {
            World.CreateNode(host.HostId.Value, node => StartHost(node, host));
        }
    }

    public SimulatedClusterOptions Options { get; }

    public SimWorld World { get; }

    /// <summary>The VRM singleton over the controller nodes; its lease store is <see cref="Leases"/>.</summary>
    public SimulatedSingleton Singleton { get; }

    public SimJournal Journal => World.Journal;

    public SimSnapshotStore Snapshots => World.Snapshots;

    /// <summary>The controller lease in the shared database.</summary>
    public SimLeaseStore Leases => Singleton.Leases;

    /// <summary>The datastores' write-leases, reached over the storage network (independent of the management one).</summary>
    public InMemoryStorageLeaseStore StorageLeases { get; }

    public IReadOnlyList<string> ControllerNames { get; }

    /// <summary>The hosts' migration network: two hosts reach each other while both are up and the link between them is not cut.</summary>
    public InProcessMigrationNetwork MigrationNetwork { get; }

    /// <summary>What the guests do, wherever they run (how fast they dirty their memory).</summary>
    public GuestWorkloads Guests { get; } = new();

    public TimeSpan Now => World.Clock.Elapsed;

    public SimulatedHypervisor Hypervisor(HostId host) => _hosts[host].Hypervisor;

    /// <summary>Each host's current life, for checks that run after every step to walk without a lookup or an allocation.</summary>
    internal Dictionary<HostId, SimulatedHostRuntime> HostRuntimes => _hosts;

    /// <summary>The CNA of a host, to ask it directly (from outside the network).</summary>
    public Peer CnaOf(HostId host) => new SimAddress(host.Value, Cna).AsPeer();

    public void Advance(TimeSpan duration) => World.Advance(duration);

    public void RunUntilIdle() => World.RunUntilIdle();

    /// <summary>The name of the controller whose VRM is active, if any.</summary>
    public string? ActiveController => Singleton.ActiveNode?.Name;

    /// <summary>Whether the VRM runs on <paramref name="controller"/> right now.</summary>
    public bool RunsVrm(string controller) => World.IsUp(controller) && World.Node(controller).DeciderAt(Vrm) is not null;

    public InventoryHost? HostState(HostId host) => ActiveInventory().Hosts.FirstOrDefault(h => h.HostId == host);

    public void CrashHost(HostId host) => World.Crash(host.Value);

    /// <summary>Restarts a crashed host like a power cycle: the CNA comes back with no VMs running.</summary>
    public void RestartHost(HostId host) => World.Restart(host.Value);

    public void CrashController(string name) => World.Crash(name);

    public void RestartController(string name) => World.Restart(name);

    /// <summary>Cuts the management network between a host and every controller (storage still works).</summary>
    public void PartitionManagement(HostId host)
    {
        foreach (var controller in ControllerNames)
        {
            World.Partition(host.Value, controller);
        }

        if (_hasGateway && World.IsUp(Gateway))
        {
            World.Partition(host.Value, Gateway);
        }
    }

    /// <summary>Heals both directions between a host and every controller; other cuts and all faults stay.</summary>
    public void HealManagement(HostId host)
    {
        foreach (var controller in ControllerNames)
        {
            World.Network.Heal(host.Value, controller);
        }
    }

    /// <summary>Puts the same faults on both directions of every link between a host and the controllers.</summary>
    public void SetManagementFaults(HostId host, LinkFaults faults)
    {
        foreach (var controller in ControllerNames)
        {
            World.SetFaults(host.Value, controller, faults);
            World.SetFaults(controller, host.Value, faults);
        }
    }

    /// <summary>Cuts the link between two hosts, both ways: the migration network between them (nothing else goes host to host).</summary>
    public void PartitionHosts(HostId a, HostId b) => World.Partition(a.Value, b.Value);

    /// <summary>Mends the link <see cref="PartitionHosts"/> cut (and only that one).</summary>
    public void HealHosts(HostId a, HostId b) => World.Network.Heal(a.Value, b.Value);

    /// <summary>Cuts a host off its storage network: its lease renewals fail from now on.</summary>
    public void LoseStorage(HostId host) => StorageLeases.DisconnectHost(host.Value);

    public void RestoreStorage(HostId host) => StorageLeases.ReconnectHost(host.Value);

    public void FailDatastore(DatastoreId datastore) => StorageLeases.FailDatastore(datastore.Value);

    public void RestoreDatastore(DatastoreId datastore) => StorageLeases.RestoreDatastore(datastore.Value);

    /// <summary>Heals every network partition and fault (storage faults are healed separately).</summary>
    public void HealNetwork() => World.Heal();

    /// <summary>The guest OS of a VM crashes (blue screen): the hypervisor reports it crashed.</summary>
    public void CrashGuest(HostId host, VmId vm) => _hosts[host].Hypervisor.Crash(vm);

    /// <summary>Where each VM actually runs right now, according to the hypervisors of hosts that are up.</summary>
    public IReadOnlyList<(HostId Host, VmId Vm, long Incarnation)> RunningInstances()
    {
        // Checked after every simulated second of every scenario and seed, so written without LINQ.
        var running = new List<(HostId Host, VmId Vm, long Incarnation)>();
        foreach (var (host, runtime) in _hosts)
        {
            if (!World.IsUp(host.Value))
            {
                continue;
            }

            foreach (var report in runtime.Hypervisor.Report())
            {
                if (report.PowerState == VmPowerState.Running)
                {
                    running.Add((host, report.VmId, report.Incarnation));
                }
            }
        }

        return running;
    }

    /// <summary>The inventory as recovered from the journal right now (what a fresh controller would see).</summary>
    public Inventory ActiveInventory()
    {
        var inventory = new Inventory();
        long after = 0;
        if (Snapshots.TryLoad(Vrm, out var sequenceNr, out var snapshot))
        {
            inventory = Inventory.FromSnapshot((InventorySnapshot)snapshot!);
            after = sequenceNr;
        }

        // From the events decoded once for every reader (EventsAfter), not decoded again for each inventory.
        foreach (var e in EventsAfter(after))
        {
            if (e is IInventoryEvent inventoryEvent)
            {
                inventory.Apply(inventoryEvent);
            }
        }

        return inventory;
    }

    /// <summary>The migrations the journal has open right now (the journal is never truncated, so it is read whole).</summary>
    public IReadOnlyCollection<OpenMigration> OpenMigrations() => Migrations().Open;

    /// <summary>The requests the journal has waiting in the migration queue right now, in admission order.</summary>
    public IReadOnlyList<RequestedMigration> QueuedMigrations() => Migrations().Queue;

    private MigrationBook Migrations()
    {
        var book = new MigrationBook();
        foreach (var e in JournalEvents())
        {
            if (e is IMigrationEvent migration)
            {
                book.Apply(migration);
            }
        }

        return book;
    }

    /// <summary>Every VRM event in journal order, decoded from its stored wire form.</summary>
    public IReadOnlyList<IWireMessage> JournalEvents() => EventsAfter(0);

    /// <summary>The VRM events after journal sequence number <paramref name="sequenceNr"/>.</summary>
    public IReadOnlyList<IWireMessage> EventsAfter(long sequenceNr)
    {
        DecodeNewEvents();
        return sequenceNr >= _decodedEvents.Count ? [] : _decodedEvents.GetRange((int)sequenceNr, _decodedEvents.Count - (int)sequenceNr);
    }

    /// <summary>Every VRM event decoded so far, in journal order, not copied: for checks that fold the journal after every step.</summary>
    internal IReadOnlyList<IWireMessage> JournalSoFar()
    {
        DecodeNewEvents();
        return _decodedEvents;
    }

    /// <summary>Whether some VRM event after <paramref name="sequenceNr"/> matches, without copying the events out.</summary>
    internal bool AnyEventAfter(long sequenceNr, Func<IWireMessage, bool> match)
    {
        DecodeNewEvents();
        for (var i = (int)sequenceNr; i < _decodedEvents.Count; i++)
        {
            if (match(_decodedEvents[i]))
            {
                return true;
            }
        }

        return false;
    }

    // Stored events never change, so each is decoded once; the invariant checks read the journal after every step.
    private void DecodeNewEvents()
    {
        foreach (var entry in Journal.Read(Vrm, _decodedEvents.Count))
        {
            _decodedEvents.Add((IWireMessage)entry.Event);
        }
    }

    private bool HostsReachEachOther(string a, string b) =>
        World.IsUp(a) && World.IsUp(b) && !World.Network.IsCut(a, b) && !World.Network.IsCut(b, a);

    private bool ModelsMembership => Options.Vrm.HostDetection.Mode == HostDetectionMode.Membership;

    private void StartController(SimNode node)
    {
        node.Host(PingResponderDecider.Name, () => new PingResponderDecider());

        // Only membership-assisted detection reads the cluster's view, so only then is it modelled (other runs stay as they were).
        if (ModelsMembership)
        {
            var hostNodes = Options.Hosts.Select(h => h.HostId.Value).ToList();
            node.Host(ClusterMembershipDecider.Name, () => new ClusterMembershipDecider(hostNodes, node.AddressOf(Vrm).AsPeer()));
        }

        Singleton.RunOn(node);
    }

    private void StartHost(SimNode node, SimulatedHostSpec host)
    {
        var hypervisor = new SimulatedHypervisor(host.Hardware, site: new SimulatedHostSite(host.HostId.Value, MigrationNetwork, Guests));
        var settings = new CnaDeciderSettings(host.HostId, host.Hardware, host.CpuFeatures, host.Datastores)
        {
            HeartbeatInterval = Options.Vrm.HeartbeatInterval,
            HeartbeatJitter = Options.HeartbeatJitter,
            UsesStorageLeases = true,
            IsolationResponse = host.IsolationResponse,
        };
        _hosts[host.HostId] = new SimulatedHostRuntime(
            hypervisor,
            new HypervisorEffectRunner(hypervisor),
            new StorageLeaseEffectRunner(StorageLeases, host.HostId, settings.Fencing.LeaseTtl));
        var self = node.AddressOf(Cna);
        var peers = new CnaPeers(
            self.AsPeer(),
            self.ToString(),
            [Singleton.Proxy.AsPeer()],
            new SimAddress(Gateway, PingResponderDecider.Name).AsPeer());
        var log = _loggers.CreateLogger<CnaDecider>();

        // Only a host that acts on isolation watches the controllers (and so ever pings): the others need no detector ticking.
        if (host.IsolationResponse != IsolationResponse.LeaveRunning)
        {
            node.Host(ControllerWatcherDecider.Name, () => new ControllerWatcherDecider(_controllerResponders));
            node.Host(IsolationPingerDecider.Name, () => new IsolationPingerDecider());
        }

        if (ModelsMembership)
        {
            node.Host(PingResponderDecider.Name, () => new PingResponderDecider());
        }

        node.Host(Cna, () => new CnaDecider(settings, peers, hypervisor, World.Random.NextDouble, log));
    }
}
