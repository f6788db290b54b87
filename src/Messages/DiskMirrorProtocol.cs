namespace Cluster.Messages;

// A storage migration between the VRM's migration saga and the VM's host: the host mirrors the running VM's disks to
// another datastore (QEMU blockdev-mirror, copy-mode write-blocking once in sync), reports the mirror's progress, and
// pivots the VM to the copy when told (job-complete). The host takes the target datastore's storage lease before the
// mirror writes there and gives the source datastore's up only after the pivot, so the VM never writes a datastore
// whose lease it does not hold.

/// <summary>
/// To the VM's host: take the lease on <paramref name="Datastore"/> and mirror instance <paramref name="Incarnation"/>'s
/// disks there, at most <paramref name="MaxSpeedMiBPerSecond"/> (0: the storage path is the only limit).
/// </summary>
public sealed record StartDiskMirror(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId, long Incarnation, DatastoreId Datastore, long MaxSpeedMiBPerSecond) : IHostCommand;

/// <summary>A disk mirror's state as the host's hypervisor reports it (QEMU <c>query-block-jobs</c>).</summary>
public enum DiskMirrorState
{
    /// <summary>Copying; the target is not yet in sync.</summary>
    Running,

    /// <summary>In sync: every write lands on both copies; the VM may pivot.</summary>
    Ready,

    /// <summary>The mirror stopped (cancelled, an I/O fault, the guest stopped); the VM keeps its disks where they were.</summary>
    Failed,
}

/// <summary>From the VM's host: how the mirror goes.</summary>
public sealed record DiskMirrorProgressReported(MigrationId MigrationId, DiskMirrorState State, long RemainingMb, long DiskMb, string? Error) : IWireMessage;

/// <summary>To the VM's host: switch the VM to the mirrored copy (QEMU <c>job-complete</c>) and give up the source datastore's lease.</summary>
public sealed record PivotDiskMirror(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId, long Incarnation) : IHostCommand;

/// <summary>From the VM's host: the VM writes only to its disks on <paramref name="Datastore"/> and holds that datastore's lease.</summary>
public sealed record DiskMirrorPivoted(MigrationId MigrationId, DatastoreId Datastore) : IWireMessage;

/// <summary>To the VM's host: stop the mirror (QEMU <c>block-job-cancel</c>) and give the target datastore's lease back; the VM keeps its disks.</summary>
public sealed record CancelDiskMirror(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId) : IHostCommand;
