using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Admission;

/// <summary>
/// Keep some hosts empty for HA: no VM is powered on there except by an HA restart (which does not
/// ask admission control). The HA planner may be told to prefer these hosts.
/// </summary>
public sealed record DedicatedFailoverHostsPolicy(IReadOnlySet<HostId> FailoverHosts) : IAdmissionPolicy
{
    public string Description => $"dedicated failover hosts {string.Join(", ", FailoverHosts.Order())}";

    public AdmissionDecision Check(ClusterSnapshot snapshot, VmId vm, VmSpec spec, HostId targetHost) =>
        FailoverHosts.Contains(targetHost)
            ? AdmissionDecision.Refuse($"{targetHost} is a dedicated failover host: only HA restarts may use it")
            : AdmissionDecision.Admit;
}
