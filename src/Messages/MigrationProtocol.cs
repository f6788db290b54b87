namespace Cluster.Messages;

// A live migration between the VRM's migration saga and the two hosts. The saga's events go to the VRM's journal;
// its commands carry the VRM's epoch like every host command. The instance on the target is the VM's next
// incarnation; the source keeps its own until it is quit after a completed switch-over.

/// <summary>An event of a migration saga, persisted in the VRM's journal.</summary>
public interface IMigrationEvent : IWireMessage
{
    MigrationId MigrationId { get; }
}

/// <summary>
/// A migration asked for while a limit was reached (docs/migration.md, "One queue"): it waits in the VRM's queue, in
/// <paramref name="Priority"/> order then first come first served, and is admitted (<see cref="MigrationAdmitted"/> with
/// the same id) or dropped (<see cref="MigrationPhaseChanged"/> to Failed) when it comes up. <paramref name="Target"/> is
/// the host the requester named, or null for the one placement picks at admission. Every kind waits the same way:
/// <paramref name="Kind"/> and <paramref name="Datastore"/> (where the disks go, for storage, shared-nothing and cold
/// moves) were added later, and older journals read as live moves. A cold move's <paramref name="Source"/> is the host
/// that would have copied the disks when it was asked; admission picks the copier again.
/// </summary>
public sealed record MigrationRequested(
    MigrationId MigrationId,
    VmId VmId,
    HostId Source,
    long SourceIncarnation,
    HostId? Target,
    string Reason,
    MigrationPriority Priority,
    DateTimeOffset At,
    MigrationKind Kind = MigrationKind.Live,
    DatastoreId? Datastore = null) : IMigrationEvent;

/// <summary>
/// The VRM admitted a migration: the target is chosen and the VM's resources are reserved on it. The instance on the
/// target is <paramref name="TargetIncarnation"/>, an incarnation never issued for the VM before (0 in journals written
/// before it was recorded, which meant <paramref name="SourceIncarnation"/> + 1); <see cref="IncarnationOnTarget"/> reads
/// either. A storage migration (<paramref name="Kind"/>) keeps the VM on its host (source and target are the same, and
/// its instance keeps its incarnation) and moves its disks from <paramref name="FromDatastore"/> to
/// <paramref name="Datastore"/>, whose space it reserves until the saga ends. Kind and datastores were added later;
/// older journals read as live migrations.
/// </summary>
public sealed record MigrationAdmitted(
    MigrationId MigrationId,
    VmId VmId,
    HostId Source,
    HostId Target,
    long SourceIncarnation,
    string Reason,
    DateTimeOffset At,
    long TargetIncarnation = 0,
    MigrationKind Kind = MigrationKind.Live,
    DatastoreId? Datastore = null,
    DatastoreId? FromDatastore = null) : IMigrationEvent
{
    public long IncarnationOnTarget => TargetIncarnation > 0 ? TargetIncarnation : SourceIncarnation + 1;
}

/// <summary>
/// A saga moved from one phase to another. <paramref name="VmDown"/> is true when it ended with the VM running
/// nowhere (its source died before switch-over): HA restarts it. The change to SwitchingOver carries the transfer's
/// downtime and total time as the source reported them (null when it did not).
/// </summary>
public sealed record MigrationPhaseChanged(MigrationId MigrationId, MigrationPhase From, MigrationPhase To, string Why, bool VmDown = false, long? DowntimeMs = null, long? TotalMs = null) : IMigrationEvent;

/// <summary>Pre-copy parameters, as QEMU's <c>migrate-set-parameters</c> names them.</summary>
public sealed record MigrationParameters(long MaxBandwidthMiBPerSecond, int DowntimeLimitMs, bool AutoConverge);

/// <summary>
/// To the target: define the VM paused as <paramref name="Incarnation"/> and listen for its memory (QEMU <c>migrate-incoming</c>).
/// In a shared-nothing migration <paramref name="Spec"/> names the disks' new datastore and <paramref name="ArbiterDatastore"/>
/// the one they leave: the resume takes that datastore's lease too, the one the source must take back to run on, so
/// the lease still picks one instance (docs/migration.md, "Shared-nothing migration"). Null for a live migration.
/// </summary>
public sealed record PrepareIncomingMigration(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId, VmSpec Spec, long Incarnation, DatastoreId? ArbiterDatastore = null) : IHostCommand;

/// <summary>From the target: the incoming VM is defined and listens at <paramref name="Uri"/>.</summary>
public sealed record IncomingMigrationPrepared(MigrationId MigrationId, string Uri) : IWireMessage;

/// <summary>To the source: send instance <paramref name="Incarnation"/> to <paramref name="TargetUri"/> (QEMU <c>migrate</c>), reporting progress until it completes or fails.</summary>
public sealed record StartMigration(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId, long Incarnation, string TargetUri, MigrationParameters Parameters) : IHostCommand;

/// <summary>The transfer's state as the source's hypervisor reports it (QEMU <c>query-migrate</c>).</summary>
public enum MigrationTransferStatus
{
    Active,

    /// <summary>All memory is on the target; the source is paused and has released the storage lease.</summary>
    Completed,

    /// <summary>The transfer stopped (cancelled, the target went away, an error); the source runs on.</summary>
    Failed,
}

/// <summary>
/// From the source: how the transfer goes. On <see cref="MigrationTransferStatus.Completed"/> the source's hypervisor also
/// says how long the guest was paused for the switch-over (<paramref name="DowntimeMs"/>) and how long the whole transfer
/// took (<paramref name="TotalMs"/>), as QEMU's <c>query-migrate</c> does.
/// </summary>
public sealed record MigrationProgressReported(
    MigrationId MigrationId,
    MigrationTransferStatus Status,
    int Passes,
    long RemainingMb,
    double DirtyRateMiBPerSecond,
    int ThrottlePercent,
    string? Error,
    long? DowntimeMs = null,
    long? TotalMs = null) : IWireMessage;

/// <summary>To the source: stop the transfer (QEMU <c>migrate_cancel</c>); the source VM runs on.</summary>
public sealed record CancelMigration(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId) : IHostCommand;

/// <summary>To the target: take the storage lease for <paramref name="Incarnation"/> and resume the migrated VM.</summary>
public sealed record ResumeMigratedVm(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId, long Incarnation) : IHostCommand;

/// <summary>From the target: it holds the storage lease and the migrated VM runs.</summary>
public sealed record MigratedVmResumed(MigrationId MigrationId, long Incarnation) : IWireMessage;

/// <summary>To the source after a completed switch-over: quit the paused instance (never resume it).</summary>
public sealed record QuitMigratedSource(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId, long Incarnation) : IHostCommand;

/// <summary>To the target after a rolled-back migration: destroy the paused incoming instance.</summary>
public sealed record DiscardIncomingMigration(long Epoch, long CommandId, VmId VmId, MigrationId MigrationId, long Incarnation) : IHostCommand;
