using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using static Cluster.Controller.Tests.Vrm.Decider.VrmDeciderHarness;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// The rule inventory in the VRM: groups and rules persisted as events, refused with the conflict named, obeyed by
/// placement, and a rule the current placement breaks raised as an alarm that clears when the rule holds or goes.
/// </summary>
public sealed class VrmDeciderRuleTests
{
    private readonly VrmDeciderHarness _vrm = new(new VrmSettings { SnapshotEvery = 5 });

    [Fact]
    public void A_new_anti_affinity_rule_that_the_placement_breaks_is_recorded_and_raises_an_alarm_naming_the_vms_and_host()
    {
        var (web1, web2) = TwoVmsRunningOnH1ThenH2Joins();

        var step = _vrm.Ask(new CreateRule(new CreateRuleRequest("web-apart", RuleKind.AntiAffinity, [web1, web2], null, null)));

        var created = Assert.Single(step.EventsOf<RuleCreated>());
        Assert.Equal(("web-apart", RuleKind.AntiAffinity), (created.Name, created.Kind));
        var view = step.ReplyTo<RuleView>(Operator);
        Assert.True(view.Mandatory);
        Assert.Equal([$"kept apart, but {web1}, {web2} share h-1"], view.Violations);
        var alarm = Assert.Single(step.EventsOf<AlarmRaised>());
        Assert.Equal((AlarmKinds.RuleViolated, AlarmSeverity.Major, AlarmObject.Rule("web-apart")), (alarm.Kind, alarm.Severity, alarm.Object));
    }

    [Fact]
    public void Deleting_the_broken_rule_clears_its_alarm()
    {
        var (web1, web2) = TwoVmsRunningOnH1ThenH2Joins();
        _vrm.Ask(new CreateRule(new CreateRuleRequest("web-apart", RuleKind.AntiAffinity, [web1, web2], null, null)));

        var step = _vrm.Ask(new DeleteRule("web-apart"));

        Assert.Single(step.EventsOf<RuleDeleted>());
        Assert.Equal("rule web-apart was deleted", Assert.Single(step.EventsOf<AlarmCleared>()).Reason);
        Assert.Empty(step.ReplyTo<RuleList>(Operator).Rules);
    }

    [Fact]
    public void Placement_keeps_an_anti_affinity_rule_when_the_vms_start()
    {
        RegisterTwoHosts();
        var web1 = Create("web-1");
        var web2 = Create("web-2");
        _vrm.Ask(new CreateRule(new CreateRuleRequest("web-apart", RuleKind.AntiAffinity, [web1, web2], null, null)));

        var first = Assert.Single(_vrm.Ask(new PowerOnVm(web1)).EventsOf<VmPlaced>()).Host;
        var second = Assert.Single(_vrm.Ask(new PowerOnVm(web2)).EventsOf<VmPlaced>()).Host;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Placement_keeps_a_must_run_on_rule_and_a_host_group_saved_again_moves_new_starts_and_flags_the_running_vm()
    {
        RegisterTwoHosts();
        var (db1, db2) = (Create("db-1"), Create("db-2"));
        _vrm.Ask(new SaveGroup("dbs", GroupKind.Vm, [db1.Value, db2.Value]));
        _vrm.Ask(new SaveGroup("licensed", GroupKind.Host, ["h-2"]));
        _vrm.Ask(new CreateRule(new CreateRuleRequest("db-licensed", RuleKind.MustRunOn, null, "dbs", "licensed")));

        var first = Assert.Single(_vrm.Ask(new PowerOnVm(db1)).EventsOf<VmPlaced>()).Host;
        var resaved = _vrm.Ask(new SaveGroup("licensed", GroupKind.Host, ["h-1"]));
        var second = Assert.Single(_vrm.Ask(new PowerOnVm(db2)).EventsOf<VmPlaced>()).Host;

        Assert.Equal((HostId.From("h-2"), HostId.From("h-1")), (first, second));
        var group = resaved.ReplyTo<GroupView>(Operator);
        Assert.Equal(["h-1"], group.Members);
        Assert.Equal(["db-licensed"], group.UsedBy);
        Assert.Equal($"mandatory rule db-licensed is broken: {db1} runs on h-2, outside host group 'licensed'", Assert.Single(resaved.EventsOf<AlarmRaised>()).Text);
    }

    [Fact]
    public void An_affinity_rule_over_vms_an_anti_affinity_rule_keeps_apart_is_refused_naming_it_and_nothing_is_recorded()
    {
        RegisterTwoHosts();
        var web1 = Create("web-1");
        var web2 = Create("web-2");
        _vrm.Ask(new CreateRule(new CreateRuleRequest("web-apart", RuleKind.AntiAffinity, [web1, web2], null, null)));

        var step = _vrm.Ask(new CreateRule(new CreateRuleRequest("web-together", RuleKind.Affinity, [web1, web2], null, null)));

        Assert.Empty(step.Events);
        var refusal = step.ReplyTo<AdminFailure>(Operator);
        Assert.Equal(AdminFailureKind.Conflict, refusal.Kind);
        Assert.Contains("web-apart", refusal.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vm_is_in_at_most_one_anti_affinity_rule()
    {
        RegisterTwoHosts();
        var (a, b, c) = (Create("a-1"), Create("b-1"), Create("c-1"));
        _vrm.Ask(new CreateRule(new CreateRuleRequest("first", RuleKind.AntiAffinity, [a, b], null, null)));

        var refusal = _vrm.Ask(new CreateRule(new CreateRuleRequest("second", RuleKind.AntiAffinity, [b, c], null, null))).ReplyTo<AdminFailure>(Operator);

        Assert.Equal(AdminFailureKind.Conflict, refusal.Kind);
        Assert.Equal($"{b} is already in anti-affinity (mutual-exclusion) rule first: a VM is in at most one anti-affinity (mutual-exclusion) rule; change that rule instead", refusal.Error.Message);
    }

    [Fact]
    public void A_must_run_on_rule_over_an_empty_host_group_is_refused()
    {
        RegisterTwoHosts();
        _vrm.Ask(new SaveGroup("dbs", GroupKind.Vm, [Create("db-1").Value]));
        _vrm.Ask(new SaveGroup("nowhere", GroupKind.Host, []));

        var refusal = _vrm.Ask(new CreateRule(new CreateRuleRequest("db-nowhere", RuleKind.MustRunOn, null, "dbs", "nowhere"))).ReplyTo<AdminFailure>(Operator);

        Assert.Equal("db-nowhere: must-run-on host group 'nowhere' is empty: its VMs could run nowhere", refusal.Error.Message);
    }

    [Fact]
    public void Rules_and_groups_share_one_namespace()
    {
        RegisterTwoHosts();
        var (a, b) = (Create("a-1"), Create("b-1"));
        _vrm.Ask(new SaveGroup("pair", GroupKind.Vm, [a.Value, b.Value]));

        var rule = _vrm.Ask(new CreateRule(new CreateRuleRequest("pair", RuleKind.Affinity, [a, b], null, null))).ReplyTo<AdminFailure>(Operator);
        var hosts = _vrm.Ask(new SaveGroup("pair", GroupKind.Host, ["h-1"])).ReplyTo<AdminFailure>(Operator);
        var resaved = _vrm.Ask(new SaveGroup("pair", GroupKind.Vm, [a.Value]));

        Assert.Equal("'pair' already names a VM group", rule.Error.Message);
        Assert.Equal("'pair' already names a VM group", hosts.Error.Message);
        Assert.Single(resaved.EventsOf<VmGroupSaved>());
    }

    [Fact]
    public void A_rule_request_with_wrong_fields_names_each()
    {
        RegisterTwoHosts();
        var web = Create("web-1");

        var missing = _vrm.Ask(new CreateRule(new CreateRuleRequest("r-1", null, [web], null, null))).ReplyTo<AdminFailure>(Operator);
        var vmHost = _vrm.Ask(new CreateRule(new CreateRuleRequest("r-2", RuleKind.MustRunOn, [web], null, null))).ReplyTo<AdminFailure>(Operator);
        var unknown = _vrm.Ask(new CreateRule(new CreateRuleRequest("r-3", RuleKind.Affinity, [web, VmId.From("vm-9999")], null, null))).ReplyTo<AdminFailure>(Operator);

        Assert.Equal(["kind"], missing.Error.Errors.Select(e => e.Field));
        Assert.Equal(["vms", "vmGroup", "hostGroup"], vmHost.Error.Errors.Select(e => e.Field));
        Assert.Equal(new FieldError("vms[1]", "no VM 'vm-9999'"), Assert.Single(unknown.Error.Errors));
    }

    [Fact]
    public void A_group_a_rule_names_is_deleted_only_after_the_rule()
    {
        RegisterTwoHosts();
        _vrm.Ask(new SaveGroup("dbs", GroupKind.Vm, [Create("db-1").Value]));
        _vrm.Ask(new SaveGroup("rack-a", GroupKind.Host, ["h-1"]));
        _vrm.Ask(new CreateRule(new CreateRuleRequest("db-not-a", RuleKind.ShouldNotRunOn, null, "dbs", "rack-a")));

        var refused = _vrm.Ask(new DeleteGroup("rack-a")).ReplyTo<AdminFailure>(Operator);
        _vrm.Ask(new DeleteRule("db-not-a"));
        var deleted = _vrm.Ask(new DeleteGroup("rack-a"));

        Assert.Equal("group 'rack-a' is named by rule(s) db-not-a: delete them first", refused.Error.Message);
        Assert.Equal(new GroupDeleted("rack-a", GroupKind.Host, _vrm.Now), Assert.Single(deleted.EventsOf<GroupDeleted>()));
        Assert.Equal(["dbs"], deleted.ReplyTo<GroupList>(Operator).Groups.Select(g => g.Name));
    }

    [Fact]
    public void A_deleted_vm_leaves_its_groups_and_rules()
    {
        RegisterTwoHosts();
        var (a, b, c) = (Create("a-1"), Create("b-1"), Create("c-1"));
        _vrm.Ask(new SaveGroup("all", GroupKind.Vm, [a.Value, b.Value, c.Value]));
        _vrm.Ask(new CreateRule(new CreateRuleRequest("apart", RuleKind.AntiAffinity, [a, b, c], null, null)));

        _vrm.Ask(new RemoveVm(c));

        Assert.Equal([a, b], _vrm.Ask(new GetRule("apart")).ReplyTo<RuleView>(Operator).Vms);
        Assert.Equal([a.Value, b.Value], _vrm.Ask(new GetGroup("all")).ReplyTo<GroupView>(Operator).Members);
    }

    [Fact]
    public void A_vrm_recovered_from_a_snapshot_keeps_the_groups_and_rules()
    {
        RegisterTwoHosts();
        var (a, b) = (Create("a-1"), Create("b-1"));
        _vrm.Ask(new SaveGroup("pair", GroupKind.Vm, [a.Value, b.Value]));
        _vrm.Ask(new SaveGroup("rack-a", GroupKind.Host, ["h-1"]));
        _vrm.Ask(new CreateRule(new CreateRuleRequest("pair-on-a", RuleKind.ShouldRunOn, null, "pair", "rack-a")));
        _vrm.Ask(new CreateRule(new CreateRuleRequest("pair-together", RuleKind.Affinity, [a, b], null, null)));
        var lastSnapshot = _vrm.LastSnapshotStep();
        var expected = _vrm.Ask(new GetInventoryFingerprint()).ReplyTo<string>(Operator);

        var recovered = new VrmDeciderHarness(new VrmSettings { SnapshotEvery = 5 }, recover: decider =>
        {
            decider.RecoverSnapshot(_vrm.Steps[lastSnapshot].Snapshot!);
            foreach (var @event in _vrm.Steps.Skip(lastSnapshot + 1).SelectMany(s => s.Events))
            {
                decider.Recover(@event);
            }
        });

        Assert.Equal(expected, recovered.Ask(new GetInventoryFingerprint()).ReplyTo<string>(Operator));
        Assert.Equal(["pair-on-a", "pair-together"], recovered.Ask(new ListRules()).ReplyTo<RuleList>(Operator).Rules.Select(r => r.Name));
    }

    private void RegisterTwoHosts()
    {
        _vrm.Register("h-1");
        _vrm.Register("h-2");
        _vrm.Ask(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
    }

    private VmId Create(string name) =>
        _vrm.Ask(new CreateVm(new CreateVmRequest(name, 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)]))).ReplyTo<VmView>(Operator).VmId;

    /// <summary>Two VMs started while h-1 is the only host, both running there; then h-2 registers.</summary>
    private (VmId, VmId) TwoVmsRunningOnH1ThenH2Joins()
    {
        _vrm.Register("h-1");
        _vrm.Ask(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
        var (web1, web2) = (Create("web-1"), Create("web-2"));
        _vrm.Ask(new PowerOnVm(web1));
        _vrm.Ask(new PowerOnVm(web2));
        _vrm.Beat("h-1", new VmRuntimeReport(web1, VmPowerState.Running, 1), new VmRuntimeReport(web2, VmPowerState.Running, 1));
        _vrm.Register("h-2");
        return (web1, web2);
    }
}
