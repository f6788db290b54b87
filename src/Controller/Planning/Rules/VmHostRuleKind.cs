namespace Cluster.Controller.Planning.Rules;

/// <summary>The four VM–host rules of vSphere DRS. Must rules are never broken; should rules may bend.</summary>
public enum VmHostRuleKind
{
    /// <summary>The VMs may run only on hosts of the group (licensing, passthrough hardware).</summary>
    MustRunOn,

    /// <summary>The VMs may never run on hosts of the group.</summary>
    MustNotRunOn,

    /// <summary>Prefer hosts of the group; bend only for a must rule or for capacity, and report it.</summary>
    ShouldRunOn,

    /// <summary>Prefer hosts outside the group; bend only for a must rule or for capacity, and report it.</summary>
    ShouldNotRunOn,
}
