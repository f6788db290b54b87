using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Dpm;

/// <summary>
/// Asks an admission policy whether the cluster as it stands keeps its HA reserve: a VM that needs
/// nothing is "powered on" at a host that is not a dedicated failover host; the policy admits it
/// exactly when the powered-on demand already fits what the reserve leaves.
/// </summary>
internal static class AdmissionProbe
{
    private static readonly VmId ProbeVm = new("dpm-admission-probe");

    private static readonly VmSpec ProbeSpec = new(
        "dpm-admission-probe", 1, 0, [], QosSpec.Default, QosSpec.Default, HaEnabled: false, RestartPriority.Low, CpuFeatureSet.None);

    public static AdmissionDecision Check(IAdmissionPolicy policy, ClusterSnapshot snapshot)
    {
        var failover = (policy as DedicatedFailoverHostsPolicy)?.FailoverHosts;
        foreach (var host in snapshot.Hosts)
        {
            if (host.State == HostState.Normal && failover?.Contains(host.Id) != true)
            {
                return policy.Check(snapshot, ProbeVm, ProbeSpec, host.Id);
            }
        }

        return AdmissionDecision.Refuse("no Normal host is left to run VMs");
    }

    /// <summary>The snapshot after the given hosts are off and the given VMs have moved.</summary>
    public static ClusterSnapshot After(ClusterSnapshot snapshot, IReadOnlySet<HostId> poweredOff, IReadOnlyDictionary<VmId, HostId> moved) =>
        new(
            snapshot.Hosts.Select(h => poweredOff.Contains(h.Id) ? h with { State = HostState.PoweredOff } : h),
            snapshot.Vms.Select(v => moved.TryGetValue(v.Id, out var to) ? v with { Host = to } : v),
            snapshot.Rules);
}
