namespace Cluster.Controller.Planning.Rules;

/// <summary>Whether the VMs of a VM–VM rule must share a host or must never share one.</summary>
public enum VmVmRuleKind
{
    /// <summary>Keep together: every VM of the rule runs on the same host (chatty tiers).</summary>
    Affinity,

    /// <summary>Keep apart: no two VMs of the rule run on the same host (replicas).</summary>
    AntiAffinity,
}
