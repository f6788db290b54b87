using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Admission;

/// <summary>
/// Cluster-wide capacity accounting shared by the policies that keep a failover reserve: what the
/// Normal hosts offer, and whether the allocated demand plus one more VM stays within what the
/// reserve leaves.
/// </summary>
internal static class ClusterHeadroom
{
    public static IEnumerable<HostSnapshot> UsableHosts(ClusterSnapshot snapshot) =>
        snapshot.Hosts.Where(h => h.State == HostState.Normal);

    public static Resources Sum(IEnumerable<Resources> amounts) => amounts.Aggregate(Resources.Zero, (a, b) => a + b);

    /// <summary>Admits the VM if all powered-on demand with it fits in <paramref name="allowed"/>.</summary>
    public static AdmissionDecision Decide(ClusterSnapshot snapshot, VmId vm, VmSpec spec, Resources allowed, string reserve)
    {
        // A VM already holding resources (a re-placement) is not counted twice.
        var already = snapshot.FindVm(vm) is { HoldsResources: true } existing ? existing.Demand : Resources.Zero;
        var after = snapshot.TotalAllocated - already + VmDemand.Of(spec);
        return after.FitsIn(allowed)
            ? AdmissionDecision.Admit
            : AdmissionDecision.Refuse(
                $"powering on {vm} would allocate {after} but {reserve} leaves {allowed} for running VMs");
    }
}
