using Cluster.Controller.Alarms;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Controller.Vrm.Hosts;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Views;

/// <summary>Answers to read-only questions, from the inventory and what this VRM has heard from hosts.</summary>
public sealed class VrmViews(VrmState state, HostSessions sessions, long epoch, double datastoreOvercommit)
{
    private Inventory Inventory => state.Inventory;

    public DatastoreViews Datastores => new(Inventory, sessions, datastoreOvercommit);

    public ClusterStatus Status()
    {
        var snapshot = state.PlanningSnapshot(1.0);
        var hosts = HostViews(snapshot);
        var capacity = Inventory.Hosts.Where(h => h.State == HostState.Normal).Aggregate(Resources.Zero, (sum, h) => sum + h.Hardware.Capacity);
        return new ClusterStatus(ClusterId.From("cluster"), epoch, capacity, snapshot.TotalAllocated, hosts, [.. Inventory.Vms.Select(Of)]);
    }

    public HostList Hosts() => new(HostViews(state.PlanningSnapshot(1.0)));

    public object Host(HostId id) => Inventory.Host(id) is { } host ? Host(host, state.PlanningSnapshot(1.0)) : AdminFailure.NotFound("hostId", $"host {id}");

    public VmList Vms() => new([.. Inventory.Vms.Select(Of)]);

    public object Vm(VmId id) => Inventory.Vm(id) is { } vm ? Of(vm) : AdminFailure.NotFound("vmId", $"VM {id}");

    private List<HostView> HostViews(ClusterSnapshot snapshot) => [.. Inventory.Hosts.Select(h => Host(h, snapshot))];

    public HostView Host(InventoryHost host, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(snapshot);
        var vms = new List<InventoryVm>();
        Inventory.CollectVmsOn(host.HostId, vms);
        var session = sessions.Of(host.HostId);
        var reported = session?.DatastoreHealth;
        return new(
            host.HostId,
            host.Address,
            host.State,
            host.Hardware.Capacity,
            snapshot.AllocatedOn(host.HostId),
            vms.Count,
            session?.Used,
            host.Hardware,
            [.. host.Datastores.Select(d => new DatastoreHealth(d, !host.UnreachableDatastores.Contains(d), reported?.FirstOrDefault(r => r.Datastore == d && !r.Reachable)?.Problem))],
            [.. vms.Select(v => v.VmId)],
            session?.LastHeartbeat,
            MaintenanceLine(host, vms));
    }

    /// <summary>How a host's maintenance goes: what is left to move and, when an evacuation is blocked, why.</summary>
    private string? MaintenanceLine(InventoryHost host, List<InventoryVm> vms)
    {
        if (host.State == HostState.Maintenance)
        {
            return "in maintenance: no VM on it; it is no target and its silence is no fault";
        }

        if (host.State != HostState.EnteringMaintenance)
        {
            return null;
        }

        var migrating = vms.Count(v => state.Migrations.IsMigrating(v.VmId));
        var queued = vms.Count(v => state.Migrations.QueuedFor(v.VmId) is not null);
        var line = $"entering maintenance: {vms.Count} VM(s) left on it, {migrating} migrating, {queued} waiting in the migration queue";
        return Inventory.Alarms.ActiveFor(AlarmKinds.MaintenanceBlocked, AlarmObject.Host(host.HostId)) is { } blocked ? $"{line}; blocked: {blocked.Text}" : line;
    }

    public static VmView Of(InventoryVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new(
            vm.VmId,
            vm.Spec.Name,
            vm.PowerState,
            vm.Host,
            vm.Spec.Vcpus,
            vm.Spec.MemoryMb,
            vm.Spec.HaEnabled,
            vm.Spec.RestartPriority,
            vm.Spec.Disks,
            vm.Spec.CpuQos,
            vm.Spec.MemoryQos,
            vm.Incarnation,
            vm.HostHistory,
            vm.Spec.Nics is { Count: > 0 } nics ? nics : null);
    }
}
