using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

/// <summary>Policy "ours": the controller's DRS and DPM planners driving the trace replay.</summary>
public sealed class PlannedPolicyTests
{
    private static readonly HostType G4 = HostType.HpProLiantMl110G4;
    private static readonly HostType G5 = HostType.HpProLiantMl110G5;
    private static readonly double[] Busy = [1, 1, 1, 1, 1, 1];
    private static readonly double[] Idle = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05];

    [Fact]
    public void An_overloaded_host_is_relieved_and_a_vm_never_lands_on_cores_slower_than_its_vcpu()
    {
        var view = new FakeDataCenter();
        var hot = view.AddHost(G5);
        var slow = view.AddHost(G4);
        var fastA = view.AddHost(G5);
        var fastB = view.AddHost(G5);
        var big = new[] { view.AddVm(hot, 2500, 870, 2500, Busy), view.AddVm(hot, 2500, 870, 2500, Busy) };
        view.AddVm(hot, 500, 613, 500, Busy);
        view.AddVm(slow, 500, 613, 25, Idle);
        view.AddVm(fastA, 500, 613, 25, Idle);
        view.AddVm(fastB, 500, 613, 25, Idle);

        var plan = new PlannedConsolidationPolicy().Consolidate(view);

        Assert.Contains(plan, move => view.Vm(move.Vm).Host == hot);
        Assert.All(plan.Where(move => big.Contains(move.Vm)), move => Assert.NotEqual(slow, move.TargetHost));
    }

    [Fact]
    public void Idle_hosts_are_emptied_only_after_the_power_off_window_and_the_minimum_stays_on()
    {
        var view = new FakeDataCenter();
        for (var i = 0; i < 5; i++)
        {
            view.AddVm(view.AddHost(G5), 500, 613, 25, Idle);
        }

        var policy = new PlannedConsolidationPolicy();
        var window = policy.Settings.Dpm.PowerOffWindow.TotalSeconds;

        var first = policy.Consolidate(view);
        view.Time += window - 1;
        var justBefore = policy.Consolidate(view);
        view.Time += 1;
        var after = policy.Consolidate(view);

        Assert.Empty(first);
        Assert.Empty(justBefore);
        Assert.NotEmpty(after);
        var emptied = after.Select(move => view.Vm(move.Vm).Host).Distinct().ToList();
        var targets = after.Select(move => move.TargetHost).Distinct().ToList();
        Assert.Empty(emptied.Intersect(targets));
        Assert.InRange(view.HostCount - emptied.Count, policy.Settings.Dpm.MinHostsOn, view.HostCount - 1);
    }
}
