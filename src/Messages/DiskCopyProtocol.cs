namespace Cluster.Messages;

// A cold migration between the VRM's migration saga and the host it chose to copy a stopped VM's disks: the host copies
// them to another datastore (QEMU's qemu-img convert, or blockdev-backup of a paused VM), reports how far it is, and stops
// when told. The VM runs nowhere meanwhile (the VRM refuses to start it), so no guest writes the disks and no storage
// lease is taken: the copy is read-only on the old datastore and written only by the copy on the new one.

/// <summary>
/// To a host that reaches both datastores: copy the disks of the stopped VM <paramref name="Spec"/> describes to
/// <paramref name="Datastore"/> at <paramref name="RateMiBPerSecond"/>. Asked again for a copy under way, it is accepted again.
/// </summary>
public sealed record CopyVmDisks(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId, VmSpec Spec, DatastoreId Datastore, long RateMiBPerSecond) : IHostCommand;

/// <summary>To the copying host: stop the copy; the disks stay where they were.</summary>
public sealed record CancelDiskCopy(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId) : IHostCommand;

/// <summary>A disk copy's state as the copying host reports it.</summary>
public enum DiskCopyState
{
    Running,

    /// <summary>Every disk is whole on the new datastore.</summary>
    Completed,

    /// <summary>The copy stopped (cancelled, an I/O fault); the disks stay where they were.</summary>
    Failed,
}

/// <summary>From the copying host: how the copy goes, every second until it ends.</summary>
public sealed record DiskCopyProgressReported(MigrationId MigrationId, DiskCopyState State, long RemainingMb, long DiskMb, string? Error) : IWireMessage;
