using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Rules;

/// <summary>
/// The rule inventory the journal determines: groups and rules as the operator saved them, in creation order. A deleted
/// VM leaves every group and VM–VM rule, a removed host every host group, as the events are applied, so a replay ends
/// exactly where the live VRM did. <see cref="Set"/> is the planners' form.
/// </summary>
public sealed class RuleBook
{
    private readonly List<VmGroupSaved> _vmGroups = [];
    private readonly List<HostGroupSaved> _hostGroups = [];
    private readonly List<RuleCreated> _rules = [];

    public RuleSet Set { get; private set; } = RuleSet.Empty;

    public IReadOnlyList<RuleCreated> Rules => _rules;

    public IReadOnlyList<VmGroupSaved> VmGroups => _vmGroups;

    public IReadOnlyList<HostGroupSaved> HostGroups => _hostGroups;

    public RuleCreated? Rule(string name) => _rules.Find(r => r.Name == name);

    public VmGroupSaved? VmGroup(string name) => _vmGroups.Find(g => g.Name == name);

    public HostGroupSaved? HostGroup(string name) => _hostGroups.Find(g => g.Name == name);

    /// <summary>What <paramref name="name"/> names already ("rule", "VM group", "host group"), or null: rules and groups share one namespace.</summary>
    public string? Holder(string name) =>
        Rule(name) is not null ? "rule" : VmGroup(name) is not null ? "VM group" : HostGroup(name) is not null ? "host group" : null;

    /// <summary>The rules that name a group, by name.</summary>
    public IReadOnlyList<string> RulesNaming(string group, GroupKind kind) =>
        [.. _rules.Where(r => kind == GroupKind.Vm ? r.VmGroup == group : r.HostGroup == group).Select(r => r.Name)];

    public void Apply(IInventoryEvent @event)
    {
        switch (@event)
        {
            case VmGroupSaved saved:
                Replace(_vmGroups, saved, g => g.Name == saved.Name);
                break;
            case HostGroupSaved saved:
                Replace(_hostGroups, saved, g => g.Name == saved.Name);
                break;
            case GroupDeleted { Kind: GroupKind.Vm } deleted:
                _vmGroups.RemoveAll(g => g.Name == deleted.Name);
                break;
            case GroupDeleted deleted:
                _hostGroups.RemoveAll(g => g.Name == deleted.Name);
                break;
            case RuleCreated created:
                _rules.Add(created);
                break;
            case RuleDeleted deleted:
                _rules.RemoveAll(r => r.Name == deleted.Name);
                break;
            case VmDeleted deleted:
                Forget(deleted.VmId);
                break;
            case HostRemoved removed:
                Forget(removed.HostId);
                break;
            default:
                return;
        }

        Set = Compile(_vmGroups, _hostGroups, _rules);
    }

    /// <summary>The planners' form of a proposed book: the current one with <paramref name="change"/> applied, not yet recorded.</summary>
    public RuleSet Proposed(IInventoryEvent change)
    {
        var proposed = FromSnapshot(ToSnapshot());
        proposed.Apply(change);
        return proposed.Set;
    }

    public RulesSnapshot ToSnapshot() => new([.. _vmGroups], [.. _hostGroups], [.. _rules]);

    public static RuleBook FromSnapshot(RulesSnapshot? snapshot)
    {
        var book = new RuleBook();
        if (snapshot is not null)
        {
            book._vmGroups.AddRange(snapshot.VmGroups);
            book._hostGroups.AddRange(snapshot.HostGroups);
            book._rules.AddRange(snapshot.Rules);
            book.Set = Compile(book._vmGroups, book._hostGroups, book._rules);
        }

        return book;
    }

    private void Forget(VmId vm)
    {
        for (var i = 0; i < _vmGroups.Count; i++)
        {
            if (_vmGroups[i].Vms.Contains(vm))
            {
                _vmGroups[i] = _vmGroups[i] with { Vms = [.. _vmGroups[i].Vms.Where(v => v != vm)] };
            }
        }

        for (var i = 0; i < _rules.Count; i++)
        {
            if (_rules[i].Vms is { } vms && vms.Contains(vm))
            {
                _rules[i] = _rules[i] with { Vms = [.. vms.Where(v => v != vm)] };
            }
        }
    }

    private void Forget(HostId host)
    {
        for (var i = 0; i < _hostGroups.Count; i++)
        {
            if (_hostGroups[i].Hosts.Contains(host))
            {
                _hostGroups[i] = _hostGroups[i] with { Hosts = [.. _hostGroups[i].Hosts.Where(h => h != host)] };
            }
        }
    }

    private static void Replace<T>(List<T> list, T item, Predicate<T> same)
    {
        var at = list.FindIndex(same);
        if (at >= 0)
        {
            list[at] = item;
        }
        else
        {
            list.Add(item);
        }
    }

    private static RuleSet Compile(List<VmGroupSaved> vmGroups, List<HostGroupSaved> hostGroups, List<RuleCreated> rules) => new(
        [.. hostGroups.Select(g => new HostGroup(g.Name, g.Hosts.ToHashSet()))],
        [.. vmGroups.Select(g => new VmGroup(g.Name, g.Vms.ToHashSet()))],
        [.. rules.Where(r => r.Kind is RuleKind.Affinity or RuleKind.AntiAffinity)
            .Select(r => new VmVmRule(r.Name, r.Kind == RuleKind.Affinity ? VmVmRuleKind.Affinity : VmVmRuleKind.AntiAffinity, (r.Vms ?? []).ToHashSet()))],
        [.. rules.Where(r => r.Kind is not (RuleKind.Affinity or RuleKind.AntiAffinity))
            .Select(r => new VmHostRule(r.Name, HostKindOf(r.Kind), r.VmGroup ?? "", r.HostGroup ?? ""))]);

    private static VmHostRuleKind HostKindOf(RuleKind kind) => kind switch
    {
        RuleKind.MustRunOn => VmHostRuleKind.MustRunOn,
        RuleKind.MustNotRunOn => VmHostRuleKind.MustNotRunOn,
        RuleKind.ShouldRunOn => VmHostRuleKind.ShouldRunOn,
        _ => VmHostRuleKind.ShouldNotRunOn,
    };
}

