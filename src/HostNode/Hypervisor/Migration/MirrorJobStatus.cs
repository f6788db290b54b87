namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>A mirror job's states as <c>query-block-jobs</c> and its events tell them.</summary>
public enum MirrorJobStatus
{
    /// <summary>Copying; the destination is not yet in sync.</summary>
    Running,

    /// <summary>Caught up (QEMU's <c>BLOCK_JOB_READY</c>); it keeps mirroring new writes until pivoted.</summary>
    Ready,

    /// <summary>Pivoted (<c>block-job-complete</c>): the guest writes to the destination's copy.</summary>
    Completed,

    /// <summary>Cancelled (<c>block-job-cancel</c>): the source's disk stays the guest's.</summary>
    Cancelled,

    /// <summary>An I/O or network fault; the source's disk stays the guest's.</summary>
    Failed,
}
