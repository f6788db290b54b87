using Cluster.Controller.Planning.Placement;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.HaRestart;

/// <summary>
/// Plans where the VMs of failed hosts restart. VMs go in restart priority order (High, Medium, Low,
/// then VM id, so plans are reproducible), each to the least loaded host that passes the same
/// feasibility checks as placement; each choice is committed to a working copy of capacity before the
/// next, so the plan as a whole never over-commits a host. HA ignores the admission policy — the
/// reserve exists for this moment, and dedicated failover hosts are open to it — but never real capacity.
/// </summary>
public static class HaRestartPlanner
{
    /// <param name="snapshot">The cluster, with the VMs to restart still on their failed hosts.</param>
    /// <param name="failedHosts">Hosts never to restart onto, whatever state the snapshot shows them in.</param>
    /// <param name="vmsToRestart">What to restart; the caller has already ruled out VMs whose lease is still held.</param>
    /// <param name="preferredHosts">Hosts to fill first when they can take a VM (dedicated failover hosts).</param>
    public static RestartPlan Plan(
        ClusterSnapshot snapshot,
        IReadOnlySet<HostId> failedHosts,
        IReadOnlyList<RestartRequest> vmsToRestart,
        IReadOnlySet<HostId>? preferredHosts = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(failedHosts);
        ArgumentNullException.ThrowIfNull(vmsToRestart);
        var workspace = new PlacementWorkspace(snapshot, failedHosts, vmsToRestart.Select(r => r.VmId).ToHashSet());
        var preferred = Enumerable.Range(0, workspace.HostCount).Select(h => preferredHosts?.Contains(workspace.HostAt(h)) == true).ToArray();
        var restarts = new List<PlannedRestart>();
        var unplaced = new List<UnplacedVm>();
        var ordered = vmsToRestart
            .Select(request => (request, vm: snapshot.FindVm(request.VmId)))
            .OrderBy(x => x.vm?.Spec.RestartPriority ?? RestartPriority.Low)
            .ThenBy(x => x.request.VmId);
        foreach (var (request, vm) in ordered)
        {
            if (vm is null)
            {
                unplaced.Add(new UnplacedVm(request.VmId, request.Attempt, "VM is not in the inventory"));
                continue;
            }

            var requirement = workspace.Require(vm.Id, vm.Spec);
            if (ChooseHost(workspace, requirement, preferred) is { } host)
            {
                workspace.Commit(host, requirement);
                restarts.Add(new PlannedRestart(vm.Id, workspace.HostAt(host), vm.Spec.RestartPriority, request.Attempt));
            }
            else
            {
                unplaced.Add(new UnplacedVm(vm.Id, request.Attempt, workspace.ExplainNoHost(requirement)));
            }
        }

        return new RestartPlan(restarts, unplaced);
    }

    /// <summary>A feasible preferred host before any other; then the least loaded; then the lowest id.</summary>
    private static int? ChooseHost(PlacementWorkspace workspace, VmRequirement requirement, bool[] preferred)
    {
        int? best = null;
        var bestPreferred = false;
        var bestLoad = double.MaxValue;
        foreach (var h in workspace.EligibleHosts(requirement))
        {
            if ((bestPreferred && !preferred[h]) || !workspace.HasRoom(h, requirement))
            {
                continue;
            }

            var load = workspace.LoadAfter(h, requirement);
            if ((preferred[h] && !bestPreferred) || load < bestLoad)
            {
                (best, bestPreferred, bestLoad) = (h, preferred[h], load);
            }
        }

        return best;
    }
}
