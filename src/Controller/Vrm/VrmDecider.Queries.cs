using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>Read-only questions; answered from the in-memory inventory.</summary>
public sealed partial class VrmDecider
{
    private bool HandleQuery(object message)
    {
        switch (message)
        {
            case GetClusterStatus:
                _step.Send(_from, Status());
                return true;
            case ListHosts:
                _step.Send(_from, new HostList(HostViews(_inventory.ToSnapshot())));
                return true;
            case GetHost get:
                var snapshot = _inventory.ToSnapshot();
                _step.Send(_from, _inventory.Host(get.HostId) is { } host ? HostView(host, snapshot) : AdminFailure.NotFound("hostId", $"host {get.HostId}"));
                return true;
            case ListVms:
                _step.Send(_from, new VmList([.. _inventory.Vms.Select(ViewOf)]));
                return true;
            case GetVm getVm:
                _step.Send(_from, _inventory.Vm(getVm.VmId) is { } vm ? ViewOf(vm) : AdminFailure.NotFound("vmId", $"VM {getVm.VmId}"));
                return true;
            case GetInventoryFingerprint:
                _step.Send(_from, _inventory.Fingerprint());
                return true;
            case GetHeartbeatCount:
                _step.Send(_from, new HeartbeatCount(_heartbeatsHandled));
                return true;
            default:
                return HandleAlarmAdmin(message);
        }
    }

    private ClusterStatus Status()
    {
        var snapshot = _inventory.ToSnapshot();
        var hosts = HostViews(snapshot);
        var capacity = _inventory.Hosts.Where(h => h.State == HostState.Normal).Aggregate(Resources.Zero, (sum, h) => sum + h.Hardware.Capacity);
        return new ClusterStatus(ClusterId.From("cluster"), Epoch, capacity, snapshot.TotalAllocated, hosts, [.. _inventory.Vms.Select(ViewOf)]);
    }

    private List<HostView> HostViews(ClusterSnapshot snapshot) => [.. _inventory.Hosts.Select(h => HostView(h, snapshot))];

    private HostView HostView(InventoryHost host, ClusterSnapshot snapshot)
    {
        var vms = new List<InventoryVm>();
        _inventory.CollectVmsOn(host.HostId, vms);
        var reported = _datastoreHealth.GetValueOrDefault(host.HostId);
        return new(
            host.HostId,
            host.Address,
            host.State,
            host.Hardware.Capacity,
            snapshot.AllocatedOn(host.HostId),
            vms.Count,
            _used.TryGetValue(host.HostId, out var used) ? used : null,
            host.Hardware,
            [.. host.Datastores.Select(d => new DatastoreHealth(d, !host.UnreachableDatastores.Contains(d), reported?.FirstOrDefault(r => r.Datastore == d && !r.Reachable)?.Problem))],
            [.. vms.Select(v => v.VmId)],
            _lastHeartbeat.TryGetValue(host.HostId, out var heard) ? heard : null);
    }

    private static VmView ViewOf(InventoryVm vm) => new(
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
        vm.HostHistory);
}
