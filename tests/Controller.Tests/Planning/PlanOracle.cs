using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning;

/// <summary>
/// An independent, deliberately naive statement of the placement rules, written from the spec rather
/// than from the planner's code, against which randomized plans are checked. It models the cluster
/// after a plan: where each VM holding resources ends up, and what each host then has allocated.
/// </summary>
internal sealed class PlanOracle
{
    private readonly ClusterSnapshot snapshot;
    private readonly IReadOnlySet<HostId> failed;
    private readonly Dictionary<VmId, HostId> hostOf = [];

    public PlanOracle(ClusterSnapshot snapshot, IReadOnlySet<HostId> failed, IEnumerable<VmId> moving)
    {
        this.snapshot = snapshot;
        this.failed = failed;
        var movingSet = moving.ToHashSet();
        foreach (var vm in snapshot.Vms.Where(v => v.HoldsResources && !movingSet.Contains(v.Id)))
        {
            hostOf[vm.Id] = vm.Host!.Value;
        }
    }

    public void Move(VmId vm, HostId host) => hostOf[vm] = host;

    public HostId? HostOf(VmId vm) => hostOf.TryGetValue(vm, out var host) ? host : null;

    public Resources Allocated(HostId host) =>
        hostOf.Where(p => p.Value == host).Aggregate(Resources.Zero, (sum, p) => sum + snapshot.FindVm(p.Key)!.Demand);

    /// <summary>The rules that do not depend on what else runs on the host.</summary>
    public bool StaticallyAllows(HostSnapshot host, VmId vm, VmSpec spec) =>
        !failed.Contains(host.Id)
        && host.State == HostState.Normal
        && spec.Vcpus <= host.Hardware.UsableVcpus
        && host.CpuFeatures.IsSupersetOf(spec.RequiredCpuBaseline)
        && snapshot.Rules.MustRules.Where(r => r.Vms.Contains(vm)).All(r => r.Hosts.Contains(host.Id))
        && spec.Disks.All(d => host.Datastores.Contains(d.Datastore));

    /// <summary>Another member of one of the VM's anti-affinity groups is on the host.</summary>
    public bool GroupMateOn(HostId host, VmId vm) =>
        snapshot.Rules.AntiAffinityRules
            .Where(r => r.Vms.Contains(vm))
            .Any(r => r.Vms.Any(mate => mate != vm && HostOf(mate) == host));

    /// <summary>Could the VM, not yet placed, go to the host as things now stand?</summary>
    public bool CouldTake(HostSnapshot host, VmId vm, VmSpec spec) =>
        StaticallyAllows(host, vm, spec)
        && (Allocated(host.Id) + VmDemand.Of(spec)).FitsIn(host.Capacity)
        && !GroupMateOn(host.Id, vm);
}
