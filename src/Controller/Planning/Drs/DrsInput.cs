using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// What the DRS, DPM and evacuation planners read: the cluster (hosts, VMs, and the legacy HA
/// placement rules, which are honoured as must rules), measured demand per VM, the DRS rule set, the
/// migrations already running, and hosts that must be neither source nor target this pass (e.g. being
/// powered on or off). A VM without usage is counted at its reservations and full memory.
/// </summary>
public sealed record DrsInput(ClusterSnapshot Cluster, IReadOnlyDictionary<VmId, VmUsage> Usage, RuleSet Rules)
{
    public IReadOnlyList<InFlightMigration> InFlightMigrations { get; init; } = [];

    public IReadOnlySet<HostId> UnavailableHosts { get; init; } = new HashSet<HostId>();
}
