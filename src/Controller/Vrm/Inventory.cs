using Cluster.Controller.Alarms;
using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Controller.Vrm.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// The VRM's state: the fold of its inventory events. Pure and deterministic (sorted maps), so two
/// controllers that replay the same journal hold equal inventories, which failover tests compare.
/// </summary>
public sealed class Inventory
{
    private readonly SortedDictionary<HostId, InventoryHost> _hosts = [];
    private readonly SortedDictionary<VmId, InventoryVm> _vms = [];
    private readonly SortedDictionary<DatastoreId, DatastoreAdded> _datastores = [];
    private AlarmBook _alarms = new();
    private RuleBook _rules = new();

    // Which VMs each host holds, each list sorted like _vms: heartbeats reconcile one host without scanning
    // every VM. Sorted lists, not SortedSets, whose enumerator allocates on every heartbeat.
    private readonly Dictionary<HostId, List<VmId>> _vmsByHost = [];

    public IReadOnlyCollection<InventoryHost> Hosts => _hosts.Values;

    public IReadOnlyCollection<InventoryVm> Vms => _vms.Values;

    public IReadOnlyCollection<DatastoreAdded> Datastores => _datastores.Values;

    /// <summary>How many hosts a VM's <see cref="InventoryVm.HostHistory"/> keeps.</summary>
    public const int HostHistoryKept = 10;

    /// <summary>The alarm inventory: active alarms and recently cleared ones.</summary>
    public AlarmBook Alarms => _alarms;

    /// <summary>The rule inventory: groups and DRS rules.</summary>
    public RuleBook Rules => _rules;

    /// <summary>Counts every VM ever created, deleted ones too, so new VM ids never repeat.</summary>
    public long VmsEverCreated { get; private set; }

    public InventoryHost? Host(HostId id) => _hosts.GetValueOrDefault(id);

    public InventoryVm? Vm(VmId id) => _vms.GetValueOrDefault(id);

    public bool HasDatastore(DatastoreId id) => _datastores.ContainsKey(id);

    /// <summary>How many VMs are placed on <paramref name="host"/>.</summary>
    public int VmCountOn(HostId host) => _vmsByHost.TryGetValue(host, out var vms) ? vms.Count : 0;

    /// <summary>Adds the VMs placed on <paramref name="host"/> to <paramref name="into"/>, in id order, without allocating.</summary>
    public void CollectVmsOn(HostId host, List<InventoryVm> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (_vmsByHost.TryGetValue(host, out var ids))
        {
            foreach (var id in ids)
            {
                into.Add(_vms[id]);
            }
        }
    }

    /// <summary>Another host registered at <paramref name="address"/>, if any.</summary>
    public InventoryHost? HostAt(string address, HostId except) =>
        _hosts.Values.FirstOrDefault(h => h.HostId != except && string.Equals(h.Address, address, StringComparison.Ordinal));

    public InventoryVm? VmNamed(string name) => _vms.Values.FirstOrDefault(vm => string.Equals(vm.Spec.Name, name, StringComparison.Ordinal));

    public void Apply(IInventoryEvent @event)
    {
        switch (@event)
        {
            case HostRegistered e:
                var state = _hosts.TryGetValue(e.HostId, out var known) ? known.State : HostState.Connecting;
                _hosts[e.HostId] = new InventoryHost(e.HostId, e.Address, e.Hardware, e.CpuFeatures, e.ReachableDatastores, state)
                {
                    UnreachableDatastores = known?.UnreachableDatastores ?? [],
                };
                break;
            case HostRemoved e:
                _hosts.Remove(e.HostId);
                _vmsByHost.Remove(e.HostId);
                break;
            case HostDatastoreHealthChanged e:
                _hosts[e.HostId] = _hosts[e.HostId] with { UnreachableDatastores = e.Unreachable };
                break;
            case VmReconfigured e:
                var reconfigured = _vms[e.VmId];
                Put(reconfigured, reconfigured with { Spec = e.Spec });
                break;
            case HostStateChanged e:
                _hosts[e.HostId] = _hosts[e.HostId] with { State = e.To };
                break;
            case DatastoreAdded e:
                _datastores[e.DatastoreId] = e;
                break;
            case VmCreated e:
                Put(_vms.GetValueOrDefault(e.VmId), new InventoryVm(e.VmId, e.Spec, null, VmPowerState.Stopped, 0));
                VmsEverCreated++;
                break;
            case VmPlaced e:
                var placed = _vms[e.VmId];
                // The incarnation is the one the start after this placement takes (it follows at once).
                var visit = new HostVisit(e.Host, placed.NextIncarnation, e.At);
                Put(placed, placed with { Host = e.Host, HostHistory = [visit, .. placed.HostHistory.Take(HostHistoryKept - 1)] });
                break;
            case VmPowerStateChanged e:
                var vm = _vms[e.VmId];
                Put(vm, vm with
                {
                    PowerState = e.To,
                    Incarnation = e.Incarnation,
                    HighestIncarnation = Math.Max(vm.HighestIncarnation, e.Incarnation),
                    Host = e.To == VmPowerState.Stopped ? null : vm.Host,
                });
                break;
            case VmMigrated e:
                var migrated = _vms[e.VmId];
                Put(migrated, migrated with
                {
                    Host = e.To,
                    Incarnation = e.Incarnation,
                    HighestIncarnation = Math.Max(migrated.HighestIncarnation, e.Incarnation),
                    HostHistory = [new HostVisit(e.To, e.Incarnation, e.At), .. migrated.HostHistory.Take(HostHistoryKept - 1)],
                });
                break;
            case VmDisksMoved e:
                var moved = _vms[e.VmId];
                var disks = moved.Spec.Disks.Select(d => d with { Datastore = e.To }).ToList();
                Put(moved, moved with { Spec = moved.Spec with { Disks = disks } });
                break;
            case VmDeleted e:
                if (_vms.Remove(e.VmId, out var deleted))
                {
                    Unplace(deleted);
                }

                break;
            case AlarmRaised or AlarmRepeated or AlarmCleared or AlarmAcknowledged:
                _alarms.Apply(@event);
                break;
        }

        _rules.Apply(@event);
    }

    /// <summary>A migration was admitted whose target instance takes <paramref name="incarnation"/>: no later instance may take it again.</summary>
    public void IncarnationIssued(VmId vm, long incarnation)
    {
        if (_vms.TryGetValue(vm, out var known) && incarnation > known.HighestIncarnation)
        {
            _vms[vm] = known with { HighestIncarnation = incarnation };
        }
    }

    /// <summary>Stores a VM (replacing <paramref name="old"/>, its current record if any) and keeps the per-host index in step.</summary>
    private void Put(InventoryVm? old, InventoryVm vm)
    {
        _vms[vm.VmId] = vm;
        if (old?.Host == vm.Host)
        {
            return;
        }

        if (old is not null)
        {
            Unplace(old);
        }

        if (vm.Host is { } host)
        {
            if (!_vmsByHost.TryGetValue(host, out var ids))
            {
                _vmsByHost[host] = ids = [];
            }

            var at = ids.BinarySearch(vm.VmId);
            if (at < 0)
            {
                ids.Insert(~at, vm.VmId);
            }
        }
    }

    private void Unplace(InventoryVm vm)
    {
        if (vm.Host is { } host && _vmsByHost.TryGetValue(host, out var ids) && ids.BinarySearch(vm.VmId) is var at and >= 0)
        {
            ids.RemoveAt(at);
        }
    }

    public InventorySnapshot ToSnapshotRecord() =>
        new([.. _hosts.Values], [.. _vms.Values], [.. _datastores.Values], _alarms.ToSnapshot(), VmsEverCreated, _alarms.EverRaised, Rules: _rules.ToSnapshot());

    public static Inventory FromSnapshot(InventorySnapshot snapshot)
    {
        var inventory = new Inventory { VmsEverCreated = snapshot.VmsEverCreated };
        foreach (var host in snapshot.Hosts)
        {
            inventory._hosts[host.HostId] = host;
        }

        foreach (var vm in snapshot.Vms)
        {
            inventory.Put(inventory._vms.GetValueOrDefault(vm.VmId), vm);
        }

        foreach (var datastore in snapshot.Datastores)
        {
            inventory._datastores[datastore.DatastoreId] = datastore;
        }

        inventory._alarms = AlarmBook.FromSnapshot(snapshot.Alarms, snapshot.AlarmsEverRaised);
        inventory._rules = RuleBook.FromSnapshot(snapshot.Rules);
        return inventory;
    }

    /// <summary>The pure planners' view of the cluster; datastores may provision their capacity times <paramref name="datastoreOvercommit"/>.</summary>
    /// <param name="rules">The placement rules the planners obey.</param>
    /// <param name="datastoreOvercommit">The thin-provisioning factor of every datastore.</param>
    /// <param name="reservations">Resources held on hosts for VMs on their way there (open migrations).</param>
    public ClusterSnapshot ToSnapshot(PlacementRules? rules = null, double datastoreOvercommit = 1.0, IEnumerable<KeyValuePair<HostId, Resources>>? reservations = null) => new(
        _hosts.Values.Select(h => new HostSnapshot(h.HostId, h.State, h.Hardware, h.CpuFeatures, h.HealthyDatastores.ToHashSet())).ToList(),
        _vms.Values.Select(v => new VmSnapshot(v.VmId, v.Spec, v.Host, v.PowerState)).ToList(),
        rules,
        _datastores.Values.ToDictionary(d => d.DatastoreId, d => ProvisionableGb(d, datastoreOvercommit)),
        reservations);

    /// <summary>How many GB of VM disks a datastore may hold: its capacity times the thin-provisioning overcommit.</summary>
    public static long ProvisionableGb(DatastoreAdded datastore, double overcommit)
    {
        ArgumentNullException.ThrowIfNull(datastore);
        return (long)Math.Floor(datastore.CapacityGb * overcommit);
    }

    public DatastoreAdded? Datastore(DatastoreId id) => _datastores.GetValueOrDefault(id);

    /// <summary>A stable text form of the whole state, for comparing two controllers' inventories.</summary>
    public string Fingerprint() => string.Join(
        '\n',
        _hosts.Values.Select(h => $"host {h.HostId} {h.State} {h.Address} {string.Join(',', h.UnreachableDatastores)}")
            .Concat(_vms.Values.Select(v => $"vm {v.VmId} {v.Spec.Name} {v.PowerState} {v.Host} {v.Incarnation}"))
            .Concat(_datastores.Values.Select(d => $"ds {d.DatastoreId} {d.Name}"))
            .Concat(_alarms.All.Select(a => $"alarm {a.AlarmId} {a.Kind} {a.Object} {a.Count} {(a.Active ? "active" : "cleared")} {a.AcknowledgedBy}"))
            .Concat(_rules.VmGroups.Select(g => $"vm-group {g.Name} {string.Join(',', g.Vms)}"))
            .Concat(_rules.HostGroups.Select(g => $"host-group {g.Name} {string.Join(',', g.Hosts)}"))
            .Concat(_rules.Rules.Select(r => $"rule {r.Name} {r.Kind} {string.Join(',', r.Vms ?? [])} {r.VmGroup} {r.HostGroup}")));
}
