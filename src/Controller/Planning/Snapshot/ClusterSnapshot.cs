using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Snapshot;

/// <summary>
/// An immutable picture of the cluster that the pure planners read: hosts (kept in host id order,
/// which is the planners' tie-break), VMs, and placement rules. What a host has allocated is derived
/// from the VMs that hold resources on it, so the two cannot disagree.
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<HostId, HostSnapshot> hostsById;
    private readonly Dictionary<VmId, VmSnapshot> vmsById;
    private readonly Dictionary<HostId, Resources> allocatedByHost = [];

    /// <param name="hosts">The hosts, in any order.</param>
    /// <param name="vms">The VMs.</param>
    /// <param name="rules">The placement rules; none by default.</param>
    /// <param name="datastoreCapacityGb">What each datastore may provision, overcommit included; a datastore not
    /// listed (or no list) is not checked.</param>
    /// <param name="reservations">Resources held on hosts for VMs not yet there (the target of an open migration): allocated
    /// like a VM's, so every plan counts them.</param>
    public ClusterSnapshot(IEnumerable<HostSnapshot> hosts, IEnumerable<VmSnapshot> vms, PlacementRules? rules = null, IReadOnlyDictionary<DatastoreId, long>? datastoreCapacityGb = null, IEnumerable<KeyValuePair<HostId, Resources>>? reservations = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(vms);
        Hosts = [.. hosts.OrderBy(h => h.Id)];
        Vms = [.. vms];
        Rules = rules ?? PlacementRules.None;
        DatastoreCapacityGb = datastoreCapacityGb ?? new Dictionary<DatastoreId, long>();
        hostsById = Hosts.ToDictionary(h => h.Id);
        vmsById = Vms.ToDictionary(v => v.Id);
        foreach (var vm in Vms.Where(v => v.HoldsResources))
        {
            var host = vm.Host!.Value;
            allocatedByHost[host] = AllocatedOn(host) + vm.Demand;
            TotalAllocated += vm.Demand;
        }

        foreach (var (host, reserved) in reservations ?? [])
        {
            allocatedByHost[host] = AllocatedOn(host) + reserved;
            TotalAllocated += reserved;
        }
    }

    public IReadOnlyList<HostSnapshot> Hosts { get; }

    public IReadOnlyList<VmSnapshot> Vms { get; }

    public PlacementRules Rules { get; }

    /// <summary>How many GB of VM disks each datastore may hold (its capacity times the thin-provisioning overcommit).</summary>
    public IReadOnlyDictionary<DatastoreId, long> DatastoreCapacityGb { get; }

    /// <summary>The demand of every VM holding resources anywhere, failed hosts included.</summary>
    public Resources TotalAllocated { get; }

    public HostSnapshot? FindHost(HostId id) => hostsById.GetValueOrDefault(id);

    public VmSnapshot? FindVm(VmId id) => vmsById.GetValueOrDefault(id);

    /// <summary>The demand of the VMs holding resources on <paramref name="host"/>.</summary>
    public Resources AllocatedOn(HostId host) => allocatedByHost.GetValueOrDefault(host);
}
