namespace Cluster.Controller.Planning.Rules;

/// <summary>A VM–host rule over a VM group and a host group, both named in the same <see cref="RuleSet"/>.</summary>
public sealed record VmHostRule(string Name, VmHostRuleKind Kind, string VmGroup, string HostGroup)
{
    public bool IsMandatory => Kind is VmHostRuleKind.MustRunOn or VmHostRuleKind.MustNotRunOn;
}
