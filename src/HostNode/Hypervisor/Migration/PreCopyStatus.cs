namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// A migration's progress as <c>query-migrate</c> reports it. Like QEMU, the model learns of new dirty pages only at
/// a sync, so the remainder is what the current pass has still to send.
/// </summary>
/// <param name="Status"><c>status</c>.</param>
/// <param name="TotalTime"><c>total-time</c>: since the migrate command, frozen once it ends.</param>
/// <param name="TransferredBytes"><c>ram.transferred</c>.</param>
/// <param name="RemainingBytes"><c>ram.remaining</c>.</param>
/// <param name="TotalBytes"><c>ram.total</c>: the guest's memory.</param>
/// <param name="DirtyRateBytesPerSecond"><c>ram.dirty-pages-rate</c> times the page size: the guest's rate under the current throttle.</param>
/// <param name="DirtySyncCount"><c>ram.dirty-sync-count</c>: one sync at setup, one at the end of each pass, one at switch-over (an idle guest ends at 3, as in QEMU).</param>
/// <param name="ThrottlePercent"><c>cpu-throttle-percentage</c>.</param>
/// <param name="ExpectedDowntime"><c>expected-downtime</c>, QEMU's estimate: the remainder over the bandwidth.</param>
/// <param name="Downtime"><c>downtime</c>: how long the guest was paused, once completed.</param>
/// <param name="GuestPaused">Whether the guest is stopped for the switch-over right now.</param>
/// <param name="Error"><c>error-desc</c>, when it failed.</param>
public sealed record PreCopyStatus(
    MigrationStatus Status,
    TimeSpan TotalTime,
    long TransferredBytes,
    long RemainingBytes,
    long TotalBytes,
    long DirtyRateBytesPerSecond,
    int DirtySyncCount,
    int ThrottlePercent,
    TimeSpan ExpectedDowntime,
    TimeSpan? Downtime,
    bool GuestPaused,
    string? Error);
