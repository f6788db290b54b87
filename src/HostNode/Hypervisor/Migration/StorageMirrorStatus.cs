namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>A mirror job's progress, as <c>query-block-jobs</c> reports it.</summary>
/// <param name="Status">Whether it runs, has caught up, or has ended.</param>
/// <param name="Elapsed">Since the job started, frozen once it ends.</param>
/// <param name="CopiedBytes">Everything written to the destination, re-copies of rewritten blocks included (<c>offset</c>).</param>
/// <param name="RemainingBytes">What is not yet in sync on the destination (<c>len</c> − <c>offset</c>, roughly).</param>
/// <param name="DiskBytes">The disk's size.</param>
/// <param name="Ready">Whether it has caught up, so that it can be pivoted (<c>ready</c>).</param>
/// <param name="Error">Why it failed, if it did.</param>
public sealed record StorageMirrorStatus(
    MirrorJobStatus Status,
    TimeSpan Elapsed,
    long CopiedBytes,
    long RemainingBytes,
    long DiskBytes,
    bool Ready,
    string? Error);
