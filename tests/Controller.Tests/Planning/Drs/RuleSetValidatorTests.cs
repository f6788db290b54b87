using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

public sealed class RuleSetValidatorTests
{
    private static readonly RuleSet Groups = RuleSet.Empty
        .With(new HostGroup("rack-a", Hosts("h1", "h2")))
        .With(new HostGroup("rack-b", Hosts("h3")))
        .With(new HostGroup("nowhere", Hosts()))
        .With(new VmGroup("db", DrsScenario.Vms("db1", "db2")))
        .With(new VmGroup("web", DrsScenario.Vms("web1")));

    [Fact]
    public void A_consistent_rule_set_has_no_conflicts()
    {
        var rules = Groups
            .With(new VmHostRule("db-on-a", VmHostRuleKind.MustRunOn, "db", "rack-a"))
            .With(new VmHostRule("web-not-b", VmHostRuleKind.ShouldNotRunOn, "web", "rack-b"))
            .With(new VmVmRule("db-apart", VmVmRuleKind.AntiAffinity, DrsScenario.Vms("db1", "db2")));

        Assert.Empty(RuleSetValidator.Validate(rules));
    }

    [Fact]
    public void Vms_kept_together_and_apart_are_refused_naming_both_rules_even_through_a_chain_of_affinity()
    {
        var before = Groups
            .With(new VmVmRule("pair", VmVmRuleKind.Affinity, DrsScenario.Vms("a", "b")))
            .With(new VmVmRule("chain", VmVmRuleKind.Affinity, DrsScenario.Vms("b", "c")));
        var after = before.With(new VmVmRule("spread", VmVmRuleKind.AntiAffinity, DrsScenario.Vms("a", "c")));

        var conflict = Assert.Single(RuleSetValidator.ValidateChange(before, after));

        Assert.Equal("spread", conflict.Rule);
        Assert.Contains("a, c", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("chain, pair", conflict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_affinity_group_whose_must_host_groups_do_not_intersect_is_refused()
    {
        var before = Groups
            .With(new VmVmRule("tier", VmVmRuleKind.Affinity, DrsScenario.Vms("db1", "web1")))
            .With(new VmHostRule("db-on-a", VmHostRuleKind.MustRunOn, "db", "rack-a"));
        var after = before.With(new VmHostRule("web-on-b", VmHostRuleKind.MustRunOn, "web", "rack-b"));

        var conflict = Assert.Single(RuleSetValidator.ValidateChange(before, after));

        Assert.Equal("web-on-b", conflict.Rule);
        Assert.Contains("affinity group of db1 has no host left", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("db-on-a (MustRunOn rack-a)", conflict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_run_on_and_must_not_run_on_the_same_hosts_leave_a_vm_nowhere()
    {
        var rules = Groups
            .With(new VmHostRule("db-on-a", VmHostRuleKind.MustRunOn, "db", "rack-a"))
            .With(new VmHostRule("db-not-a", VmHostRuleKind.MustNotRunOn, "db", "rack-a"));

        var conflicts = RuleSetValidator.Validate(rules);

        Assert.Contains(conflicts, c => c.Reason.StartsWith("VM db1 has no host left", StringComparison.Ordinal));
        Assert.Contains(conflicts, c => c.Reason.StartsWith("VM db2 has no host left", StringComparison.Ordinal));
    }

    [Fact]
    public void A_must_rule_over_an_empty_host_group_is_refused_but_must_not_over_it_is_harmless()
    {
        var conflicts = RuleSetValidator.Validate(Groups
            .With(new VmHostRule("db-nowhere", VmHostRuleKind.MustRunOn, "db", "nowhere"))
            .With(new VmHostRule("web-not-nowhere", VmHostRuleKind.MustNotRunOn, "web", "nowhere")));

        var conflict = Assert.Single(conflicts);
        Assert.Equal(new RuleConflict("db-nowhere", "must-run-on host group 'nowhere' is empty: its VMs could run nowhere"), conflict);
    }

    [Fact]
    public void Duplicate_names_and_unknown_groups_are_refused()
    {
        var conflicts = RuleSetValidator.Validate(Groups
            .With(new VmVmRule("r", VmVmRuleKind.AntiAffinity, DrsScenario.Vms("db1", "web1")))
            .With(new VmHostRule("r", VmHostRuleKind.ShouldRunOn, "ghosts", "rack-c")));

        Assert.Contains(new RuleConflict("r", "2 rules are named 'r'; names must be unique"), conflicts);
        Assert.Contains(new RuleConflict("r", "names VM group 'ghosts', which does not exist"), conflicts);
        Assert.Contains(new RuleConflict("r", "names host group 'rack-c', which does not exist"), conflicts);
    }

    [Fact]
    public void Must_rules_become_ha_placement_rules_so_restarts_keep_them()
    {
        var rules = Groups
            .With(new VmHostRule("db-not-a", VmHostRuleKind.MustNotRunOn, "db", "rack-a"))
            .With(new VmVmRule("db-apart", VmVmRuleKind.AntiAffinity, DrsScenario.Vms("db1", "db2")))
            .With(new VmHostRule("web-on-b", VmHostRuleKind.ShouldRunOn, "web", "rack-b"));

        var placement = rules.ToPlacementRules(Hosts("h1", "h2", "h3", "h4"));

        var must = Assert.Single(placement.MustRules);
        Assert.Equal(Hosts("h3", "h4"), must.Hosts);
        Assert.Equal("db-apart", Assert.Single(placement.AntiAffinityRules).Name);
    }

    private static HashSet<HostId> Hosts(params string[] ids) => ids.Select(i => new HostId(i)).ToHashSet();
}
