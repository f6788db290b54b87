using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Evacuation;
using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

public sealed class EvacuationPlannerTests
{
    [Fact]
    public void Evacuation_empties_the_host_and_reports_the_should_rules_it_bends()
    {
        var input = new DrsScenario().Host("h1").Host("h2").Host("h3")
            .Vm("a", "h1", 1000).Vm("b", "h1", 1000).Vm("c", "h2", 1000).Apart("spread", "a", "c")
            .HostGroup("home", "h1").VmGroup("g", "b").VmHost("b-home", VmHostRuleKind.ShouldRunOn, "g", "home")
            .Build();

        var plan = EvacuationPlanner.Evacuate(input, new HostId("h1"), DrsSettings.Default);

        Assert.True(plan.CanEvacuate);
        Assert.Equal(["a", "b"], plan.Migrations.Select(m => m.Vm.Value).Order());
        Assert.Equal(new HostId("h3"), plan.Migrations.Single(m => m.Vm == new VmId("a")).Target);
        Assert.All(plan.Migrations, m => Assert.Equal(MigrationReason.Evacuation, m.Reason));
        var bend = Assert.Single(plan.Bends);
        Assert.Equal(("b-home", new VmId("b")), (bend.Rule, bend.Vm));
    }

    [Fact]
    public void Evacuation_that_would_break_a_must_rule_names_the_vm_and_the_rule()
    {
        var input = new DrsScenario().Host("h1").Host("h2").Vm("licensed", "h1", 1000).Vm("free", "h1", 1000)
            .HostGroup("lic", "h1").VmGroup("g", "licensed").VmHost("licence", VmHostRuleKind.MustRunOn, "g", "lic")
            .Build();

        var plan = EvacuationPlanner.Evacuate(input, new HostId("h1"), DrsSettings.Default);

        Assert.False(plan.CanEvacuate);
        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal(new VmId("licensed"), blocker.Vm);
        Assert.Contains("must rule licence", blocker.Reason, StringComparison.Ordinal);
        Assert.Equal(new VmId("free"), Assert.Single(plan.Migrations).Vm);
    }
}
