using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Admission;

/// <summary>
/// Decides whether a VM may be powered on at a target host, keeping back the room HA will need.
/// HA restarts do not ask: they may use that room, and dedicated failover hosts, by design.
/// </summary>
public interface IAdmissionPolicy
{
    /// <summary>A short description for operators, e.g. "tolerate 1 host failure".</summary>
    string Description { get; }

    AdmissionDecision Check(ClusterSnapshot snapshot, VmId vm, VmSpec spec, HostId targetHost);
}
