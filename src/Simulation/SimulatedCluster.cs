using Cluster.Actors;
using Cluster.Actors.Deterministic;
using Cluster.Controller.Serialization;
using Cluster.Controller.Singleton;
using Cluster.Controller.Vrm;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.Messages;
using Cluster.Persistence;
using Cluster.Persistence.StorageLeases;
using Microsoft.Extensions.Logging;

namespace Cluster.Simulation;

/// <summary>
/// A whole cluster in one deterministic world: controller nodes ("ctrl-1", ...) sharing one database
/// (in-memory journal, snapshots and lease on the virtual clock), and one node per compute host, each
/// running a CNA on a simulated hypervisor. Hosts and controllers can crash and restart; the network
/// between any two nodes can be faulted.
/// </summary>
public sealed class SimulatedCluster
{
    public const string ControllerPath = "/user/controller";
    public const string CnaPath = "/user/cna";
    public const string Gateway = "gateway";

    private readonly Dictionary<HostId, SimulatedHypervisor> _hypervisors = [];

    public SimulatedCluster(SimulatedClusterOptions options, ILoggerFactory? loggerFactory = null)
    {
        Options = options;
        World = new DeterministicWorld(options.Seed, loggerFactory);
        Journal = new InMemoryJournal(World.Clock);
        Snapshots = new InMemorySnapshotStore();
        Leases = new InMemoryLeaseStore(World.Clock);
        StorageLeases = new InMemoryStorageLeaseStore(World.Clock);
        Serializer = ControllerSerialization.CreateEventSerializer();
        ControllerNames = [.. Enumerable.Range(1, options.Controllers).Select(i => $"ctrl-{i}")];
        foreach (var name in ControllerNames)
        {
            World.CreateNode(name, system => StartController(system, name));
        }

        // The isolation address exists only when some host would act on isolation, so other runs stay as they were.
        if (options.Hosts.Any(h => h.IsolationResponse != IsolationResponse.LeaveRunning))
        {
            World.CreateNode(Gateway, system => system.ActorOf(Props.Create<PingResponder>(), "ping"));
        }

        foreach (var host in options.Hosts)
        {
            World.CreateNode(host.HostId.Value, system => StartHost(system, host));
        }
    }

    public SimulatedClusterOptions Options { get; }

    public DeterministicWorld World { get; }

    public InMemoryJournal Journal { get; }

    public InMemorySnapshotStore Snapshots { get; }

    public InMemoryLeaseStore Leases { get; }

    public JsonEventSerializer Serializer { get; }

    /// <summary>The datastores' write-leases, reached over the storage network (independent of the management one).</summary>
    public InMemoryStorageLeaseStore StorageLeases { get; }

    public IReadOnlyList<string> ControllerNames { get; }

    public TimeSpan Now => World.Clock.Elapsed;

    public SimulatedHypervisor Hypervisor(HostId host) => _hypervisors[host];

    public void Advance(TimeSpan duration) => World.Advance(duration);

    public void RunUntilIdle() => World.RunUntilIdle();

    /// <summary>The controller singleton on a running controller node (it forwards to the VRM if active).</summary>
    public ActorRef Controller(string name) => World.Node(name).ResolvePath(ControllerPath);

    /// <summary>The name of the controller whose VRM is active, if any.</summary>
    public string? ActiveController => ControllerNames.FirstOrDefault(name =>
        World.IsUp(name) && World.Node(name).HasActorAt(ControllerPath + "/vrm"));

    /// <summary>Asks the active VRM (through any running controller) and runs the world until the answer is in.</summary>
    public T Ask<T>(object question, TimeSpan? timeout = null)
    {
        var controller = ActiveController ?? ControllerNames.First(World.IsUp);
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        var task = World.Node(controller).Ask(Controller(controller), question, limit);
        World.Dispatcher.RunUntil(() => task.IsCompleted, limit);
        var reply = task.IsCompleted ? task.GetAwaiter().GetResult() : throw new TimeoutException($"no answer to {question} within {limit}");
        return reply is T typed ? typed : throw new InvalidOperationException($"expected {typeof(T).Name}, got {reply}");
    }

    public InventoryHost? HostState(HostId host) => ActiveInventory().Hosts.FirstOrDefault(h => h.HostId == host);

    public void CrashHost(HostId host) => World.Crash(host.Value);

    /// <summary>Restarts a crashed host like a power cycle: the CNA comes back with no VMs running.</summary>
    public void RestartHost(HostId host) => World.Restart(host.Value);

    public void CrashController(string name) => World.Crash(name);

    /// <summary>Cuts the management network between a host and every controller (storage still works).</summary>
    public void PartitionManagement(HostId host)
    {
        foreach (var controller in ControllerNames)
        {
            World.Partition(host.Value, controller);
        }

        if (World.IsUp(Gateway))
        {
            World.Partition(host.Value, Gateway);
        }
    }

    /// <summary>Cuts a host off its storage network: its lease renewals fail from now on.</summary>
    public void LoseStorage(HostId host) => StorageLeases.DisconnectHost(host.Value);

    public void RestoreStorage(HostId host) => StorageLeases.ReconnectHost(host.Value);

    public void FailDatastore(DatastoreId datastore) => StorageLeases.FailDatastore(datastore.Value);

    public void RestoreDatastore(DatastoreId datastore) => StorageLeases.RestoreDatastore(datastore.Value);

    /// <summary>Heals every network partition and fault (storage faults are healed separately).</summary>
    public void HealNetwork() => World.Heal();

    /// <summary>The guest OS of a VM crashes (blue screen): the hypervisor reports it crashed.</summary>
    public void CrashGuest(HostId host, VmId vm) => _hypervisors[host].Crash(vm);

    /// <summary>Where each VM actually runs right now, according to the hypervisors of hosts that are up.</summary>
    public IReadOnlyList<(HostId Host, VmId Vm, long Incarnation)> RunningInstances() =>
        [.. _hypervisors
            .Where(h => World.IsUp(h.Key.Value))
            .SelectMany(h => h.Value.Report().Where(r => r.PowerState == VmPowerState.Running).Select(r => (h.Key, r.VmId, r.Incarnation)))];

    public void RestartController(string name) => World.Restart(name);

    /// <summary>The inventory as recovered from the journal right now (what a fresh controller would see).</summary>
    public Inventory ActiveInventory()
    {
        var inventory = new Inventory();
        var snapshot = Snapshots.LoadLatestAsync(VrmActor.PersistenceIdValue).GetAwaiter().GetResult();
        if (snapshot is not null)
        {
            inventory = Inventory.FromSnapshot((InventorySnapshot)Serializer.Deserialize(snapshot.Manifest, snapshot.Payload));
        }

        var events = Journal.ReadAllAsync(0, int.MaxValue).GetAwaiter().GetResult();
        foreach (var stored in events.Where(e => e.PersistenceId == VrmActor.PersistenceIdValue && e.SequenceNr > (snapshot?.SequenceNr ?? 0)))
        {
            if (Serializer.Deserialize(stored.Manifest, stored.Payload) is IInventoryEvent inventoryEvent)
            {
                inventory.Apply(inventoryEvent);
            }
        }

        return inventory;
    }

    /// <summary>Every VRM event in journal order, deserialized.</summary>
    public IReadOnlyList<IWireMessage> JournalEvents() =>
        [.. Journal.ReadAllAsync(0, int.MaxValue).GetAwaiter().GetResult()
            .Where(e => e.PersistenceId == VrmActor.PersistenceIdValue)
            .Select(e => (IWireMessage)Serializer.Deserialize(e.Manifest, e.Payload))];

    private void StartController(ActorSystem system, string name)
    {
        var persistence = new PersistenceServices(Journal, Snapshots, Serializer, name);
        system.ActorOf(
            ControllerSingleton.Props(Leases, Options.Lease, name, epoch => VrmActor.Props(persistence, Options.Vrm, epoch, name, StorageLeases)),
            "controller");
    }

    private void StartHost(ActorSystem system, SimulatedHostSpec host)
    {
        var hypervisor = new SimulatedHypervisor(host.Hardware);
        _hypervisors[host.HostId] = hypervisor;
        var controllers = ControllerNames.Select(c => new ActorPath(DeterministicWorld.AddressOf(c), ControllerPath)).ToList();
        var settings = new CnaSettings(host.HostId, host.Hardware, host.CpuFeatures, host.Datastores, controllers)
        {
            HeartbeatInterval = Options.Vrm.HeartbeatInterval,
            HeartbeatJitter = Options.HeartbeatJitter,
            StorageLeases = StorageLeases,
            IsolationResponse = host.IsolationResponse,
            IsolationAddress = new ActorPath(DeterministicWorld.AddressOf(Gateway), "/user/ping"),
        };
        system.ActorOf(CnaActor.Props(settings, hypervisor), "cna");
    }
}
