using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Placement;

/// <summary>
/// Chooses the host for a VM being powered on: among the hosts that pass every feasibility check
/// (see <see cref="RefusalReason"/>) and the admission policy, the least loaded one after placement,
/// ties going to the lowest host id. Pure: the same snapshot always gives the same answer.
/// </summary>
public static class PlacementPlanner
{
    public static PlacementResult Place(ClusterSnapshot snapshot, VmId vm, VmSpec spec, IAdmissionPolicy? admission = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(spec);
        admission ??= AdmissionControl.Disabled;
        var workspace = new PlacementWorkspace(snapshot, new HashSet<HostId>(), new HashSet<VmId> { vm });
        var requirement = workspace.Require(vm, spec);
        var refusals = new List<HostRefusal>();
        int? best = null;
        var bestLoad = double.MaxValue;
        for (var h = 0; h < workspace.HostCount; h++)
        {
            var before = refusals.Count;
            workspace.AddRefusals(h, requirement, refusals);
            if (refusals.Count > before)
            {
                continue;
            }

            // Asked only of hosts that could run the VM: its answer may cost a pass over the cluster.
            var decision = admission.Check(snapshot, vm, spec, workspace.HostAt(h));
            if (!decision.Admitted)
            {
                refusals.Add(new HostRefusal(workspace.HostAt(h), RefusalReason.AdmissionControl, decision.Reason));
                continue;
            }

            var load = workspace.LoadAfter(h, requirement);
            if (load < bestLoad)
            {
                (best, bestLoad) = (h, load);
            }
        }

        return new PlacementResult(best is { } chosen ? workspace.HostAt(chosen) : null, refusals);
    }
}
