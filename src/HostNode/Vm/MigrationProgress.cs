using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>A source's report to the controller, from the hypervisor's <c>query-migrate</c> figures.</summary>
internal static class MigrationProgress
{
    public static MigrationProgressReported Of(MigrationId migration, MigrationTransferStatus status, PreCopyStatus? figures, string? error)
    {
        if (figures is null)
        {
            return new MigrationProgressReported(migration, status, 0, 0, 0, 0, error);
        }

        return new MigrationProgressReported(
            migration,
            status,
            Passes(figures),
            (long)Math.Ceiling(figures.RemainingBytes / MigrationUnits.BytesPerMib),
            figures.DirtyRateBytesPerSecond / MigrationUnits.BytesPerMib,
            figures.ThrottlePercent,
            error,
            figures.Status == MigrationStatus.Completed && figures.Downtime is { } downtime ? (long)Math.Round(downtime.TotalMilliseconds) : null,
            figures.Status == MigrationStatus.Completed ? (long)Math.Round(figures.TotalTime.TotalMilliseconds) : null);
    }

    /// <summary>
    /// The memory passes so far, from QEMU's <c>dirty-sync-count</c>: one sync at setup and one at the end of each pass,
    /// so while copying it is the number of the pass under way; a completed migration adds the switch-over's sync.
    /// </summary>
    private static int Passes(PreCopyStatus figures) =>
        figures.Status == MigrationStatus.Completed ? Math.Max(1, figures.DirtySyncCount - 2) : figures.DirtySyncCount;
}
