using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

public sealed class InitialPlacementTests
{
    private static readonly VmId NewVm = new("new");

    [Fact]
    public void A_new_vm_goes_to_the_host_with_the_least_demand_not_the_least_reserved()
    {
        var input = new DrsScenario().Host("h1").Host("h2")
            .Vm("busy", "h1", 20_000)
            .Vm("reserved-but-idle", "h2", 0, spec: ClusterBuilder.Spec(cpuReservationMhz: 8000))
            .Build();

        var placement = DrsPlanner.PlaceNewVm(input, NewVm, ClusterBuilder.Spec(), new VmUsage(1000, 1000), DrsSettings.Default);

        Assert.Equal(new HostId("h2"), placement.Host);
        Assert.True(placement.Automatic);
    }

    [Theory]
    [InlineData(DrsAutomationLevel.Manual, false)]
    [InlineData(DrsAutomationLevel.PartiallyAutomated, true)]
    public void Placement_is_applied_from_partial_automation_on(DrsAutomationLevel level, bool applied)
    {
        var input = new DrsScenario().Host("h1").Build();

        Assert.Equal(applied, DrsPlanner.PlaceNewVm(input, NewVm, ClusterBuilder.Spec(), null, DrsSettings.Default with { AutomationLevel = level }).Automatic);
    }

    [Fact]
    public void Must_rules_and_affinity_partners_decide_before_load()
    {
        var input = new DrsScenario().Host("h1").Host("h2").Host("h3").Vm("partner", "h3", 30_000).Vm("other", "h2", 100)
            .Together("pair", "new", "partner")
            .Build();
        var pinned = new DrsScenario().Host("h1").Host("h2").Vm("busy", "h2", 30_000)
            .HostGroup("only-h2", "h2").VmGroup("g", "new").VmHost("new-on-h2", VmHostRuleKind.MustRunOn, "g", "only-h2")
            .Build();

        Assert.Equal(new HostId("h3"), DrsPlanner.PlaceNewVm(input, NewVm, ClusterBuilder.Spec(), null, DrsSettings.Default).Host);
        Assert.Equal(new HostId("h2"), DrsPlanner.PlaceNewVm(pinned, NewVm, ClusterBuilder.Spec(), null, DrsSettings.Default).Host);
    }

    [Fact]
    public void A_should_rule_bends_for_capacity_and_the_bend_is_reported()
    {
        var input = new DrsScenario().Host("h1", memoryMb: 8192).Host("h2").Vm("filler", "h1", 100, memoryMb: 8192)
            .HostGroup("preferred", "h1").VmGroup("g", "new").VmHost("prefer-h1", VmHostRuleKind.ShouldRunOn, "g", "preferred")
            .Build();

        var placement = DrsPlanner.PlaceNewVm(input, NewVm, ClusterBuilder.Spec(), null, DrsSettings.Default);

        Assert.Equal(new HostId("h2"), placement.Host);
        var bend = Assert.Single(placement.Bends);
        Assert.Equal(("prefer-h1", NewVm), (bend.Rule, bend.Vm));
    }

    [Fact]
    public void Numa_fit_and_the_admission_policy_are_kept_and_a_refusal_is_explained()
    {
        var wide = ClusterBuilder.Spec(memoryMb: 40_000) with { RequiresNumaFit = true };
        var input = new DrsScenario().Host("two-sockets", sockets: 2).Host("one-socket").Build();
        var failover = AdmissionControl.DedicatedFailoverHosts([new HostId("one-socket")]);

        Assert.Equal(new HostId("one-socket"), DrsPlanner.PlaceNewVm(input, NewVm, wide, null, DrsSettings.Default).Host);
        var refused = DrsPlanner.PlaceNewVm(input, NewVm, wide, null, DrsSettings.Default, failover);
        Assert.Null(refused.Host);
        Assert.Contains("dedicated failover host", refused.Reason, StringComparison.Ordinal);
        var tooBig = DrsPlanner.PlaceNewVm(input, NewVm, ClusterBuilder.Spec(memoryMb: 100_000), null, DrsSettings.Default);
        Assert.Contains("Memory on 2 host(s)", tooBig.Reason, StringComparison.Ordinal);
    }
}
