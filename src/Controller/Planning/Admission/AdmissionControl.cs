using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Admission;

/// <summary>The admission control policies a cluster may run under (one at a time, as in vSphere HA).</summary>
public static class AdmissionControl
{
    /// <summary>Admit every power-on that fits (no failover reserve).</summary>
    public static IAdmissionPolicy Disabled { get; } = new DisabledAdmissionPolicy();

    /// <inheritdoc cref="TolerateHostFailuresPolicy"/>
    public static IAdmissionPolicy TolerateHostFailures(int hostFailures) => new TolerateHostFailuresPolicy(hostFailures);

    /// <inheritdoc cref="ReservePercentagePolicy"/>
    public static IAdmissionPolicy ReservePercentage(int cpuPercent, int memoryPercent) =>
        new ReservePercentagePolicy(cpuPercent, memoryPercent);

    /// <inheritdoc cref="DedicatedFailoverHostsPolicy"/>
    public static IAdmissionPolicy DedicatedFailoverHosts(IEnumerable<HostId> failoverHosts) =>
        new DedicatedFailoverHostsPolicy(failoverHosts.ToHashSet());

    private sealed class DisabledAdmissionPolicy : IAdmissionPolicy
    {
        public string Description => "admission control disabled";

        public AdmissionDecision Check(ClusterSnapshot snapshot, VmId vm, VmSpec spec, HostId targetHost) => AdmissionDecision.Admit;
    }
}
