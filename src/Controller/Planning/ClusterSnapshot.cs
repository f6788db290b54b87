using Cluster.Messages;

namespace Cluster.Controller.Planning;

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

    public ClusterSnapshot(IEnumerable<HostSnapshot> hosts, IEnumerable<VmSnapshot> vms, PlacementRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(vms);
        Hosts = [.. hosts.OrderBy(h => h.Id)];
        Vms = [.. vms];
        Rules = rules ?? PlacementRules.None;
        hostsById = Hosts.ToDictionary(h => h.Id);
        vmsById = Vms.ToDictionary(v => v.Id);
        foreach (var vm in Vms.Where(v => v.HoldsResources))
        {
            var host = vm.Host!.Value;
            allocatedByHost[host] = AllocatedOn(host) + vm.Demand;
            TotalAllocated += vm.Demand;
        }
    }

    public IReadOnlyList<HostSnapshot> Hosts { get; }

    public IReadOnlyList<VmSnapshot> Vms { get; }

    public PlacementRules Rules { get; }

    /// <summary>The demand of every VM holding resources anywhere, failed hosts included.</summary>
    public Resources TotalAllocated { get; }

    public HostSnapshot? FindHost(HostId id) => hostsById.GetValueOrDefault(id);

    public VmSnapshot? FindVm(VmId id) => vmsById.GetValueOrDefault(id);

    /// <summary>The demand of the VMs holding resources on <paramref name="host"/>.</summary>
    public Resources AllocatedOn(HostId host) => allocatedByHost.GetValueOrDefault(host);
}
