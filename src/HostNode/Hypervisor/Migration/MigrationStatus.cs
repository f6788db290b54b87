namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>The states of QEMU's <c>query-migrate</c> that a caller acts on.</summary>
public enum MigrationStatus
{
    Setup,

    /// <summary>Copying; also while the guest is paused for the switch-over, as QEMU reports it.</summary>
    Active,
    Completed,

    /// <summary>Gave up (the model's non-convergence, or a fault injected with <see cref="PreCopyProgress.Fail"/>); the guest runs on at the source.</summary>
    Failed,

    /// <summary>Cancelled (<c>migrate_cancel</c>); the guest runs on at the source.</summary>
    Cancelled,
}
