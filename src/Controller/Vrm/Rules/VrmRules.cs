using Cluster.Controller.Alarms;
using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Rules;

/// <summary>
/// The VRM's side of the rule inventory: operators save and delete groups and create and delete rules; a change that
/// would leave a rule set no placement can keep is refused with the conflict named; a rule the current placement breaks
/// raises a rule-violated alarm (cleared when it holds again or is deleted). Placement, HA, migration admission and
/// maintenance read the rules from the planning snapshot (<see cref="VrmState.PlanningSnapshot"/>).
/// </summary>
public sealed class VrmRules(VrmState state, VrmAlarms alarms)
{
    private RuleBook Book => state.Inventory.Rules;

    public void OnSaveGroup(Decision decision, SaveGroup save)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(save);
        if (GroupRefusal(save) is { } refusal)
        {
            decision.Reply(refusal);
            return;
        }

        IInventoryEvent saved = save.Kind == GroupKind.Vm
            ? new VmGroupSaved(save.Name, [.. save.Members.Select(VmId.From)], decision.Now)
            : new HostGroupSaved(save.Name, [.. save.Members.Select(HostId.From)], decision.Now);
        if (Conflicts(saved) is { } conflict)
        {
            decision.Reply(conflict);
            return;
        }

        decision.Record(saved, _ =>
        {
            RaiseViolated(decision, Book.Rules.Where(r => (save.Kind == GroupKind.Vm ? r.VmGroup : r.HostGroup) == save.Name));
            decision.Reply(GroupView(save.Name)!);
        });
    }

    public void OnDeleteGroup(Decision decision, DeleteGroup delete)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(delete);
        var kind = Book.VmGroup(delete.Name) is not null ? GroupKind.Vm : Book.HostGroup(delete.Name) is not null ? GroupKind.Host : (GroupKind?)null;
        if (kind is not { } found)
        {
            decision.Reply(AdminFailure.NotFound("name", $"group '{delete.Name}'"));
            return;
        }

        if (Book.RulesNaming(delete.Name, found) is { Count: > 0 } users)
        {
            decision.Reply(AdminFailure.Conflict("name", $"group '{delete.Name}' is named by rule(s) {string.Join(", ", users)}: delete them first"));
            return;
        }

        decision.Record(new GroupDeleted(delete.Name, found, decision.Now), _ => decision.Reply(new GroupList(Groups())));
    }

    public void OnCreateRule(Decision decision, CreateRule create)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(create);
        var request = create.Request;
        if (RuleRequestCheck.Problems(request, state.Inventory) is { Count: > 0 } problems)
        {
            decision.Reply(AdminFailure.Invalid(problems));
            return;
        }

        var created = new RuleCreated(request.Name!, request.Kind!.Value, request.Vms is { } vms ? [.. vms.Distinct()] : null, request.VmGroup, request.HostGroup, decision.Now);
        if ((RuleRequestCheck.Conflict(created, Book) ?? Conflicts(created)) is { } conflict)
        {
            decision.Reply(conflict);
            return;
        }

        decision.Record(created, _ =>
        {
            RaiseViolated(decision, [created]);
            decision.Reply(RuleView(created));
        });
    }

    public void OnDeleteRule(Decision decision, DeleteRule delete)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(delete);
        if (Book.Rule(delete.Name) is null)
        {
            decision.Reply(AdminFailure.NotFound("name", $"rule '{delete.Name}'"));
            return;
        }

        decision.Record(new RuleDeleted(delete.Name, decision.Now), _ => decision.Reply(new RuleList(Rules())));
    }

    /// <summary>Raises an alarm for every rule the placement breaks that has none yet (HA may have bent a should rule).</summary>
    public void Check(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Book.Rules.Count > 0)
        {
            RaiseViolated(decision, Book.Rules);
        }
    }

    public IReadOnlyList<RuleView> Rules() => [.. Book.Rules.Select(RuleView)];

    public object Rule(string name) => Book.Rule(name) is { } rule ? RuleView(rule) : AdminFailure.NotFound("name", $"rule '{name}'");

    public IReadOnlyList<GroupView> Groups() => [.. Book.VmGroups.Select(g => g.Name).Concat(Book.HostGroups.Select(g => g.Name)).Select(GroupView).OfType<GroupView>()];

    public object Group(string name) => GroupView(name) ?? (object)AdminFailure.NotFound("name", $"group '{name}'");

    private void RaiseViolated(Decision decision, IEnumerable<RuleCreated> rules)
    {
        foreach (var rule in rules.ToList())
        {
            if (RuleViolations.Of(rule, Book, state.Inventory) is { Count: > 0 } broken)
            {
                var mandatory = RuleViolations.IsMandatory(rule.Kind);
                alarms.Raise(decision, new AlarmCondition(
                    AlarmKinds.RuleViolated,
                    mandatory ? AlarmSeverity.Major : AlarmSeverity.Warning,
                    AlarmObject.Rule(rule.Name),
                    $"{(mandatory ? "mandatory" : "preferential")} rule {rule.Name} is broken: {string.Join("; ", broken)}"));
            }
        }
    }

    private AdminFailure? GroupRefusal(SaveGroup save)
    {
        var errors = new List<FieldError>();
        if (NameRules.Problem(save.Name) is { } nameProblem)
        {
            errors.Add(new FieldError("name", nameProblem));
        }

        for (var i = 0; i < save.Members.Count; i++)
        {
            var member = save.Members[i];
            if (NameRules.Problem(member) is { } memberProblem)
            {
                errors.Add(new FieldError($"members[{i}]", memberProblem));
                continue;
            }

            var known = save.Kind == GroupKind.Vm ? state.Inventory.Vm(VmId.From(member)) is not null : state.Inventory.Host(HostId.From(member)) is not null;
            if (!known)
            {
                errors.Add(new FieldError($"members[{i}]", $"no {(save.Kind == GroupKind.Vm ? "VM" : "host")} '{member}'"));
            }
        }

        if (save.Members.Distinct().Count() != save.Members.Count)
        {
            errors.Add(new FieldError("members", "names a member more than once"));
        }

        if (errors.Count > 0)
        {
            return AdminFailure.Invalid(errors);
        }

        // Saving a group of the same kind replaces its members; any other holder of the name refuses it.
        var holder = Book.Holder(save.Name);
        return holder is null || holder == (save.Kind == GroupKind.Vm ? "VM group" : "host group")
            ? null
            : AdminFailure.Conflict("name", $"'{save.Name}' already names a {holder}");
    }

    /// <summary>The conflicts the change brings that the current set had not, as one refusal; null when there are none.</summary>
    private AdminFailure? Conflicts(IInventoryEvent change)
    {
        var conflicts = RuleSetValidator.ValidateChange(Book.Set, Book.Proposed(change));
        return conflicts.Count == 0 ? null : AdminFailure.Conflict(change is RuleCreated ? "kind" : "members", string.Join("; ", conflicts));
    }

    private RuleView RuleView(RuleCreated rule) => new(
        rule.Name, rule.Kind, RuleViolations.IsMandatory(rule.Kind), rule.Vms, rule.VmGroup, rule.HostGroup, RuleViolations.Of(rule, Book, state.Inventory), rule.At);

    private GroupView? GroupView(string name) =>
        Book.VmGroup(name) is { } vms ? new GroupView(name, GroupKind.Vm, [.. vms.Vms.Select(v => v.Value)], Book.RulesNaming(name, GroupKind.Vm))
        : Book.HostGroup(name) is { } hosts ? new GroupView(name, GroupKind.Host, [.. hosts.Hosts.Select(h => h.Value)], Book.RulesNaming(name, GroupKind.Host))
        : null;
}
