namespace Cluster.Controller.Planning.Placement;

/// <summary>Why a host cannot take a VM. The order is the order in which planners check.</summary>
public enum RefusalReason
{
    /// <summary>The host is among the failed hosts an HA plan restarts away from.</summary>
    HostFailed,

    /// <summary>The host is not in state Normal (connecting, faulty, in maintenance, powered off).</summary>
    HostNotNormal,

    /// <summary>The host lacks the VM's required CPU baseline (vendor or feature flags).</summary>
    CpuIncompatible,

    /// <summary>A VM-to-host must rule does not allow this host.</summary>
    MustRuleViolated,

    /// <summary>The host cannot reach a datastore holding one of the VM's disks.</summary>
    DatastoreUnreachable,

    /// <summary>The VM asks to fit one NUMA node (a socket) and is bigger than this host's.</summary>
    NumaMisfit,

    /// <summary>The VM's memory size exceeds the host's free memory.</summary>
    InsufficientMemory,

    /// <summary>The VM's CPU reservation exceeds the host's free CPU, or it has more vCPUs than the host offers.</summary>
    InsufficientCpu,

    /// <summary>Another VM of one of the VM's anti-affinity groups is on this host.</summary>
    AntiAffinityViolated,

    /// <summary>A datastore holding the VM's disks would be provisioned beyond its capacity (times the overcommit).</summary>
    DatastoreFull,

    /// <summary>The admission control policy refuses the power-on.</summary>
    AdmissionControl,
}
