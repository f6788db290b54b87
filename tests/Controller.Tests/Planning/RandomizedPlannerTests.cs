using Cluster.Controller.Planning.HaRestart;
using Cluster.Controller.Planning.Placement;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning;

/// <summary>
/// Invariants over a few hundred random clusters. A failure names its seed: rerun
/// <see cref="RandomCluster.Generate"/> with it to get the case back.
/// </summary>
public sealed class RandomizedPlannerTests
{
    private const int Cases = 300;

    private static IEnumerable<ulong> Seeds() => [.. Enumerable.Range(0, Cases).Select(i => 0xC1u + ((ulong)i * 7919))];

    [Fact]
    public void Ha_plans_keep_every_rule_and_leave_nothing_placeable_behind()
    {
        var planned = 0;
        var unplaced = 0;
        foreach (var seed in Seeds())
        {
            var cluster = RandomCluster.Generate(seed);
            var plan = HaRestartPlanner.Plan(cluster.Snapshot, cluster.FailedHosts, cluster.Restarts);
            CheckHaPlan(cluster, plan, seed);
            planned += plan.Restarts.Count;
            unplaced += plan.Unplaced.Count;
        }

        // The generator must exercise both outcomes, or the invariants above prove little.
        Assert.True(planned > 500, $"only {planned} restarts planned");
        Assert.True(unplaced > 20, $"only {unplaced} VMs left unplaced");
    }

    [Fact]
    public void Placements_keep_every_rule_and_choose_the_least_loaded_host()
    {
        foreach (var seed in Seeds())
        {
            var cluster = RandomCluster.Generate(seed);
            var random = new SplitMix64(seed ^ 0xABCDEF);
            var stopped = cluster.Snapshot.Vms.Where(v => !v.HoldsResources).ToList();
            var (vm, spec) = stopped.Count > 0 && random.Chance(70)
                ? (stopped[random.Below(stopped.Count)].Id, stopped[random.Below(stopped.Count)].Spec)
                : (new VmId("vm-new"), RandomCluster.RandomSpec(random));

            var result = PlacementPlanner.Place(cluster.Snapshot, vm, spec);

            var oracle = new PlanOracle(cluster.Snapshot, new HashSet<HostId>(), [vm]);
            var feasible = cluster.Snapshot.Hosts.Where(h => oracle.CouldTake(h, vm, spec)).ToList();
            Assert.True(feasible.Count > 0 == result.IsPlaced, $"seed {seed}: placed={result.IsPlaced}, {feasible.Count} feasible");
            if (result.Host is { } chosen)
            {
                Assert.Contains(chosen, feasible.Select(h => h.Id));
                Assert.Equal(feasible.MinBy(h => LoadWith(oracle, h, spec))!.Id, chosen);
            }

            Assert.Equal(result.Host, PlacementPlanner.Place(cluster.Snapshot, vm, spec).Host);
        }
    }

    private static void CheckHaPlan(RandomCluster cluster, RestartPlan plan, ulong seed)
    {
        var snapshot = cluster.Snapshot;
        var requested = cluster.Restarts.Select(r => r.VmId).ToList();
        Assert.Equal(requested.Order(), plan.Restarts.Select(r => r.VmId).Concat(plan.Unplaced.Select(u => u.VmId)).Order());
        Assert.Equal(plan.Restarts.Select(r => r.Priority).Order(), plan.Restarts.Select(r => r.Priority));

        var oracle = new PlanOracle(snapshot, cluster.FailedHosts, requested);
        foreach (var restart in plan.Restarts)
        {
            var host = snapshot.FindHost(restart.TargetHost)!;
            var vm = snapshot.FindVm(restart.VmId)!;
            Assert.True(oracle.StaticallyAllows(host, vm.Id, vm.Spec), $"seed {seed}: {vm.Id} on {host.Id} breaks a rule");
            Assert.False(oracle.GroupMateOn(host.Id, vm.Id), $"seed {seed}: {vm.Id} joins a group mate on {host.Id}");
            oracle.Move(vm.Id, host.Id);
        }

        foreach (var host in snapshot.Hosts.Where(h => plan.Restarts.Any(r => r.TargetHost == h.Id)))
        {
            Assert.True(oracle.Allocated(host.Id).FitsIn(host.Capacity), $"seed {seed}: {host.Id} over-committed");
        }

        // Capacity only shrinks and rules only tighten as a plan proceeds, so a VM left unplaced
        // must still find no host in the final state.
        foreach (var vm in plan.Unplaced.Select(u => snapshot.FindVm(u.VmId)!))
        {
            Assert.DoesNotContain(snapshot.Hosts, h => oracle.CouldTake(h, vm.Id, vm.Spec));
        }

        var again = HaRestartPlanner.Plan(snapshot, cluster.FailedHosts, cluster.Restarts);
        Assert.Equal(plan.Restarts, again.Restarts);
        Assert.Equal(plan.Unplaced, again.Unplaced);
    }

    private static double LoadWith(PlanOracle oracle, HostSnapshot host, VmSpec spec)
    {
        var after = oracle.Allocated(host.Id) + VmDemand.Of(spec);
        return Math.Max((double)after.CpuMhz / host.Capacity.CpuMhz, (double)after.MemoryMb / host.Capacity.MemoryMb);
    }
}
