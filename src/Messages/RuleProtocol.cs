namespace Cluster.Messages;

// The rule inventory: VM groups, host groups and the DRS rules over them, as the operator keeps them at run time.
// They are inventory events, so a controller that takes over places, restarts and evacuates by the same rules.
// A rule is created or deleted whole; a group is saved whole (created, or its members replaced) or deleted.

/// <summary>What a rule asks. The VM–VM kinds name their VMs; the VM–host kinds name a VM group and a host group.</summary>
public enum RuleKind
{
    /// <summary>Keep these VMs on one host (FusionCompute's aggregate rule).</summary>
    Affinity,

    /// <summary>Keep these VMs on different hosts (FusionCompute's mutual-exclusion rule).</summary>
    AntiAffinity,

    /// <summary>The VM group may run only on hosts of the host group.</summary>
    MustRunOn,

    /// <summary>The VM group may never run on hosts of the host group.</summary>
    MustNotRunOn,

    /// <summary>Prefer hosts of the host group; bent only for a must rule or for capacity.</summary>
    ShouldRunOn,

    /// <summary>Prefer hosts outside the host group; bent only for a must rule or for capacity.</summary>
    ShouldNotRunOn,
}

/// <summary>Whether a group holds VMs or hosts.</summary>
public enum GroupKind
{
    Vm,
    Host,
}

/// <summary>A VM group was created, or its members replaced.</summary>
public sealed record VmGroupSaved(string Name, IReadOnlyList<VmId> Vms, DateTimeOffset At) : IInventoryEvent;

/// <summary>A host group was created, or its members replaced.</summary>
public sealed record HostGroupSaved(string Name, IReadOnlyList<HostId> Hosts, DateTimeOffset At) : IInventoryEvent;

/// <summary>A group no rule names any more was deleted.</summary>
public sealed record GroupDeleted(string Name, GroupKind Kind, DateTimeOffset At) : IInventoryEvent;

/// <summary>
/// A rule was created. <paramref name="Vms"/> for the VM–VM kinds; <paramref name="VmGroup"/> and
/// <paramref name="HostGroup"/> for the VM–host kinds.
/// </summary>
public sealed record RuleCreated(string Name, RuleKind Kind, IReadOnlyList<VmId>? Vms, string? VmGroup, string? HostGroup, DateTimeOffset At) : IInventoryEvent;

/// <summary>A rule was deleted.</summary>
public sealed record RuleDeleted(string Name, DateTimeOffset At) : IInventoryEvent;

/// <summary>POST /api/groups: a group's kind ("vm" or "host"), name and members (VM ids or host ids).</summary>
public sealed record SaveGroupRequest(string? Name, GroupKind? Kind, IReadOnlyList<string>? Members);

/// <summary>POST /api/rules: as <see cref="RuleCreated"/>, as an operator writes it.</summary>
public sealed record CreateRuleRequest(string? Name, RuleKind? Kind, IReadOnlyList<VmId>? Vms, string? VmGroup, string? HostGroup);

/// <summary>A group as the admin API shows it, with the rules that name it.</summary>
public sealed record GroupView(string Name, GroupKind Kind, IReadOnlyList<string> Members, IReadOnlyList<string> UsedBy);

/// <summary>
/// A rule as the admin API shows it. <paramref name="Mandatory"/>: planners never break it (the VM–VM kinds and
/// the must kinds); <paramref name="Violations"/>: how the current placement breaks it, empty when it holds.
/// </summary>
public sealed record RuleView(
    string Name,
    RuleKind Kind,
    bool Mandatory,
    IReadOnlyList<VmId>? Vms,
    string? VmGroup,
    string? HostGroup,
    IReadOnlyList<string> Violations,
    DateTimeOffset CreatedAt);
