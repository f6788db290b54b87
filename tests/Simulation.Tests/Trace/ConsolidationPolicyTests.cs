using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

public sealed class ConsolidationPolicyTests
{
    private static readonly HostType G4 = HostType.HpProLiantMl110G4;
    private static readonly HostType G5 = HostType.HpProLiantMl110G5;

    private static CloudSimConsolidationPolicy Thr(double threshold) => new(new ThresholdDetector(threshold));

    [Fact]
    public void Mmt_sheds_the_smallest_ram_first_until_the_host_is_no_longer_overloaded()
    {
        var view = new FakeDataCenter();
        var busy = view.AddHost(G5);
        var spare = view.AddHost(G5);
        var big = view.AddVm(busy, 2000, 1740, 2000);
        var small = view.AddVm(busy, 500, 613, 500);
        var medium = view.AddVm(busy, 2500, 870, 2500);

        // 5000 / 5320 > 0.8; without the 613 MB VM 4500 / 5320 still is; without the 870 MB one 2000 / 5320 is not.
        var plan = Thr(0.8).Consolidate(view);

        Assert.Equal([new Migration(medium, spare), new Migration(small, spare)], plan);
        Assert.DoesNotContain(plan, move => move.Vm == big);
    }

    [Fact]
    public void Pabfd_picks_the_host_whose_power_rises_least()
    {
        var view = new FakeDataCenter();
        var source = view.AddHost(G5);
        var slowIdle = view.AddHost(G4);
        var fastIdle = view.AddHost(G5);
        view.AddVm(source, 2500, 1740, 2500);
        var moving = view.AddVm(source, 2500, 870, 1000);

        // G4 from 0 to 1000/3720 = 26.9 %: +8.94 W; G5 to 1000/5320 = 18.8 %: +6.82 W.
        var plan = Thr(0.6).Consolidate(view);

        Assert.Equal([new Migration(moving, fastIdle)], plan);
        Assert.NotEqual(slowIdle, plan[0].TargetHost);
    }

    [Fact]
    public void Underload_step_empties_the_least_utilised_hosts_onto_hosts_that_stay_below_the_threshold()
    {
        var view = new FakeDataCenter();
        var light = view.AddHost(G4);
        var medium = view.AddHost(G5);
        var heavier = view.AddHost(G5);
        var a = view.AddVm(light, 500, 613, 372);      // 10 % of a G4
        view.AddVm(medium, 2000, 1740, 1596);          // 30 % of a G5
        var c = view.AddVm(heavier, 2500, 870, 2128);  // 40 % of a G5

        // The 10 % host goes first: +3.5 W on the 30 % host beats +4.2 W on the 40 % one. The 40 % host
        // goes next, onto the same host (it received VMs, which only stops it being emptied itself):
        // 4096 / 5320 = 77 % stays under 80 %.
        var plan = Thr(0.8).Consolidate(view);

        Assert.Equal([new Migration(a, medium), new Migration(c, medium)], plan);
    }

    [Fact]
    public void Underload_step_moves_nothing_when_one_vm_of_the_host_has_nowhere_to_go()
    {
        var view = new FakeDataCenter();
        var light = view.AddHost(G5);
        var other = view.AddHost(G5);
        view.AddVm(light, 2500, 870, 1064);    // 20 %
        view.AddVm(light, 2500, 870, 1064);    // 20 %, 40 % with the first
        view.AddVm(other, 2500, 870, 2394);    // 45 %

        // Either VM would push the other host to 65 % > 60 %, so the least utilised host keeps both;
        // the other host has no target left: the first, already considered, takes no VMs.
        var plan = Thr(0.6).Consolidate(view);

        Assert.Empty(plan);
    }

    [Fact]
    public void Initial_placement_is_best_fit_by_power_at_full_demand()
    {
        var view = new FakeDataCenter();
        view.AddHost(G4);
        view.AddHost(G5);
        var vm = view.AddVm(0, 1000, 1740, 1000);

        // Alone, the 1000 MIPS VM raises a G5 less than a G4; DVFS takes the first host that fits.
        Assert.Equal([new Migration(vm, 1)], CloudSimInitialPlacement.PowerAwareBestFit(view, new LocalRegressionDetector(1.2)));
        Assert.Equal([new Migration(vm, 0)], CloudSimInitialPlacement.FirstFit(view));
    }

    [Theory]
    [InlineData("lr-mmt-1.2", "lr-mmt-1.2")]
    [InlineData("LR-1.2", "lr-mmt-1.2")]
    [InlineData("iqr-mmt-1.5", "iqr-mmt-1.5")]
    [InlineData("thr-0.8", "thr-mmt-0.8")]
    [InlineData("mad-mmt-2.5", "mad-mmt-2.5")]
    [InlineData("dvfs", "dvfs")]
    [InlineData("npa", "npa")]
    public void Catalog_accepts_short_and_mmt_names(string name, string expected)
    {
        Assert.Equal(expected, PolicyCatalog.Create(name)?.Name);
    }

    [Theory]
    [InlineData("lr")]
    [InlineData("lr-mmt")]
    [InlineData("lr-mu-1.2")]
    [InlineData("xyz-1.0")]
    [InlineData("thr--1")]
    public void Catalog_rejects_unknown_names(string name)
    {
        Assert.Null(PolicyCatalog.Create(name));
    }
}
