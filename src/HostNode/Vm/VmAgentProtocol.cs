using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

// The VM agent decider's protocol. Its own records are below; the rest is named here so the whole protocol reads in one place.
//
// Peer inputs:  from its CNA StartVmRequested, RenewLease, CheckFence, ReleaseLease, ForgetIncarnation and AdoptedLease;
//               for a live migration IncomingMigrationRequested, MigratedVmResumeRequested and IncomingDiscarded (target),
//               OutgoingMigrationRequested, OutgoingMigrationCancelRequested and SourceQuit (source); for a storage
//               migration DiskMirrorRequested, DiskMirrorPivotRequested and DiskMirrorCancelRequested; to resize or add to
//               its running guest HotReconfigureRequested.
// Timer inputs: PollMigration (PollMigration.TimerKey, while it sends its VM away), PollDiskMirror (while it mirrors its
//               disks); otherwise the CNA's RenewLeases tick drives it.
// Effects:      AcquireStorageLease -> StorageLeaseAcquired, RenewStorageLease -> StorageLeaseRenewed, ReleaseStorageLease
//               (no answer, NoAnswer under Akka; StorageLeaseReleased when it has a context, at a switch-over)
//               (Storage/StorageLeaseEffects.cs); PerformHypervisorOperation -> HypervisorOperationPerformed, to start
//               (LeasedStart) or fence its guest, and to prepare, send, query, cancel and resume a migration's instances,
//               with an IVmAgentContext the CNA routes the answer back by (Hypervisor/HypervisorEffects.cs).
// Outputs:      VmCommandFinished to its CNA; MigrationProgressReported to the controller that started a migration,
//               DiskMirrorProgressReported to the one that started a disk mirror; a stop
//               once it holds no lease, has no command under way and takes no part in a migration. As a child actor it
//               reports VmAgentIdle instead of stopping, and the CNA answers with RetireAgent to its VmAgentAddress.

/// <summary>One running instance of a VM, as the hypervisor reports it.</summary>
public readonly record struct VmInstance(VmId Vm, long Incarnation);

/// <summary>Start the VM for <paramref name="ReplyTo"/>, once its write-lease is taken.</summary>
public sealed record StartVmRequested(StartVm Command, Peer ReplyTo);

/// <summary>
/// The host-wide renew tick: renew the lease, unless the guest no longer runs (then give the lease back),
/// and fence if the lease could already have expired. <paramref name="RunningGuests"/> is read once per tick.
/// </summary>
public sealed record RenewLease(IReadOnlySet<VmInstance> RunningGuests);

/// <summary>Fence now if the lease could already have expired (another VM's renewal answer just arrived).</summary>
public sealed record CheckFence
{
    public static readonly CheckFence Instance = new();
}

/// <summary>The VM was stopped or deleted cleanly: release its lease so HA need not wait for expiry.</summary>
public sealed record ReleaseLease
{
    public static readonly ReleaseLease Instance = new();
}

/// <summary>The instance of that incarnation was killed as stale: forget its lease without releasing it.</summary>
public sealed record ForgetIncarnation(long Incarnation);

/// <summary>
/// A lease the previous incarnation of this host's agent held for a VM that still runs on the hypervisor (the node was
/// downed and rejoined): the agent takes it over as is — same datastore, holder and incarnation — and its fencing
/// deadline counts from <paramref name="LastRenewedAt"/>, the start of the last renewal the store confirmed.
/// </summary>
public sealed record AdoptedLease(VmId Vm, DatastoreId Datastore, long Incarnation, DateTimeOffset LastRenewedAt);

/// <summary>The context of a VM agent's effect: the CNA hands the effect's answer back to the agent of its VM.</summary>
public interface IVmAgentContext;

/// <summary>The context a VM agent attaches to its acquire and start effects; the fencing deadline counts from <paramref name="AcquireStartedAt"/>.</summary>
public sealed record LeasedStart(StartVm Command, Peer ReplyTo, DateTimeOffset AcquireStartedAt) : IVmAgentContext;

/// <summary>
/// Agent to its CNA: a command is done; the CNA answers the controller (with <paramref name="Answer"/> when the command
/// has an answer of its own, else <see cref="CommandAccepted"/>; <see cref="CommandRejected"/> when refused) and reports at once.
/// </summary>
public sealed record VmCommandFinished(Peer ReplyTo, long CommandId, string? Refusal, IWireMessage? Answer = null);

/// <summary>Target: define the VM paused as the command's incarnation and listen for its memory, for <paramref name="ReplyTo"/>.</summary>
public sealed record IncomingMigrationRequested(PrepareIncomingMigration Command, Peer ReplyTo);

/// <summary>Target: take the lease for the incoming instance, then resume it.</summary>
public sealed record MigratedVmResumeRequested(ResumeMigratedVm Command, Peer ReplyTo);

/// <summary>Target: the CNA destroyed the paused incoming instance of that incarnation; there is nothing to resume.</summary>
public sealed record IncomingDiscarded(long Incarnation);

/// <summary>Source: send the running instance to the command's address, reporting progress to <paramref name="ReplyTo"/>.</summary>
public sealed record OutgoingMigrationRequested(StartMigration Command, Peer ReplyTo);

/// <summary>Source: stop sending; the source runs on (resumed, with its lease taken back, if the transfer had completed).</summary>
public sealed record OutgoingMigrationCancelRequested(CancelMigration Command, Peer ReplyTo);

/// <summary>Source: the CNA destroyed the instance paused by a completed migration; there is nothing left to resume.</summary>
public sealed record SourceQuit(long Incarnation);

/// <summary>Reconfigure the running guest in place (hot-add, disk growth, NICs, QoS), for <paramref name="ReplyTo"/>.</summary>
public sealed record HotReconfigureRequested(HotReconfigureVm Command, Peer ReplyTo);

/// <summary>Context of a hot reconfigure on the hypervisor.</summary>
public sealed record HotReconfiguration(HotReconfigureVm Command, Peer ReplyTo) : IVmAgentContext;

/// <summary>Storage migration: take the target datastore's lease, then mirror the running instance's disks there, reporting to <paramref name="ReplyTo"/>.</summary>
public sealed record DiskMirrorRequested(StartDiskMirror Command, Peer ReplyTo);

/// <summary>Storage migration: switch the guest to its mirrored disks and give up the source datastore's lease.</summary>
public sealed record DiskMirrorPivotRequested(PivotDiskMirror Command, Peer ReplyTo);

/// <summary>Storage migration: stop the mirror and give the target datastore's lease back; the guest keeps its disks.</summary>
public sealed record DiskMirrorCancelRequested(CancelDiskMirror Command, Peer ReplyTo);

/// <summary>Timer input of an agent mirroring its VM's disks: time to ask the hypervisor how the mirror goes and tell the controller.</summary>
public sealed record PollDiskMirror(VmId Vm)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static string TimerKey(VmId vm) => $"disk-mirror-poll/{vm}";
}

/// <summary>Context of taking the target datastore's lease before a mirror; its fencing deadline counts from <paramref name="AcquireStartedAt"/>.</summary>
public sealed record MirrorLeaseAcquire(StartDiskMirror Command, Peer ReplyTo, DateTimeOffset AcquireStartedAt) : IVmAgentContext;

/// <summary>Context of starting a disk mirror.</summary>
public sealed record MirrorStart(StartDiskMirror Command, Peer ReplyTo) : IVmAgentContext;

/// <summary>Context of a disk mirror's progress query.</summary>
public sealed record MirrorPoll : IVmAgentContext
{
    public static readonly MirrorPoll Instance = new();
}

/// <summary>Context of pivoting a disk mirror.</summary>
public sealed record MirrorPivot(PivotDiskMirror Command, Peer ReplyTo) : IVmAgentContext;

/// <summary>Context of cancelling a disk mirror: for a command (<paramref name="Command"/>), or because the agent gave the target's lease up (<paramref name="Why"/>).</summary>
public sealed record MirrorCancel(CancelDiskMirror? Command, Peer ReplyTo, string? Why = null) : IVmAgentContext;

/// <summary>Timer input of a source's agent: time to ask the hypervisor how the transfer goes and tell the controller.</summary>
public sealed record PollMigration(VmId Vm)
{
    /// <summary>Often enough that the controller sees the switch-over within a second of the transfer's end.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static string TimerKey(VmId vm) => $"migration-poll/{vm}";
}

/// <summary>Context of preparing the incoming instance.</summary>
public sealed record IncomingPreparation(PrepareIncomingMigration Command, Peer ReplyTo) : IVmAgentContext;

/// <summary>
/// Context of taking the lease for a paused instance of a migration and then resuming it (the target's incoming instance,
/// or the source's on a rollback): the lease's fencing deadline counts from <see cref="AcquireStartedAt"/>.
/// </summary>
public interface ILeasedResume : IVmAgentContext
{
    Peer ReplyTo { get; }

    long CommandId { get; }

    DatastoreId Datastore { get; }

    long Incarnation { get; }

    DateTimeOffset AcquireStartedAt { get; }

    /// <summary>What the hypervisor is asked to do once the lease is taken.</summary>
    HypervisorOperation Resume(VmId vm);
}

/// <summary>
/// Context of taking the lease for, and resuming, the incoming instance. In a shared-nothing migration the lease of
/// <paramref name="Arbiter"/> (the datastore the disks left, the one the source must take back to run on) is taken after
/// <paramref name="Datastore"/>'s and before the resume (<paramref name="ArbiterAsked"/> once it is being taken).
/// </summary>
public sealed record MigratedResume(ResumeMigratedVm Command, Peer ReplyTo, DatastoreId Datastore, DateTimeOffset AcquireStartedAt, DatastoreId? Arbiter = null, bool ArbiterAsked = false) : ILeasedResume
{
    public long CommandId => Command.CommandId;

    public long Incarnation => Command.Incarnation;

    public HypervisorOperation Resume(VmId vm) => new ResumeIncomingGuest(vm, Command.Incarnation);
}

/// <summary>Context of starting the transfer.</summary>
public sealed record OutgoingStart(StartMigration Command, Peer ReplyTo) : IVmAgentContext;

/// <summary>Context of a progress query.</summary>
public sealed record MigrationPoll : IVmAgentContext
{
    public static readonly MigrationPoll Instance = new();
}

/// <summary>Context of cancelling the transfer.</summary>
public sealed record OutgoingCancel(CancelMigration Command, Peer ReplyTo) : IVmAgentContext;

/// <summary>Context of the source's release at the switch-over: once the store has it, the controller hears the transfer completed.</summary>
public sealed record Switchover(StartMigration Command, Peer ReplyTo, PreCopyStatus Status);

/// <summary>
/// Context of taking back the lease of a source paused by a completed transfer, and resuming it, on a cancel; the
/// fencing deadline counts from <paramref name="AcquireStartedAt"/>.
/// </summary>
public sealed record SourceResume(CancelMigration Command, Peer ReplyTo, StartMigration Migration, DatastoreId Datastore, DateTimeOffset AcquireStartedAt) : ILeasedResume
{
    public long CommandId => Command.CommandId;

    public long Incarnation => Migration.Incarnation;

    public HypervisorOperation Resume(VmId vm) => new ResumeSourceGuest(vm, Migration.Incarnation);
}

/// <summary>Context of quitting a paused source whose lease a newer run of its VM took: it can never run again.</summary>
public sealed record SupersededSourceQuit(long Incarnation) : IVmAgentContext;

/// <summary>Context of resuming a source whose cancel met the transfer's end: it never let go of its lease.</summary>
public sealed record LateCancelResume(StartMigration Migration, Peer ReplyTo) : IVmAgentContext;

/// <summary>
/// A child agent to its CNA: it holds no lease, has no command under way and takes no part in a migration, after
/// <paramref name="InputsHandled"/> inputs from the CNA. The CNA retires it only if it has sent no more than that, so
/// an input in flight to it is never lost.
/// </summary>
public sealed record VmAgentIdle(VmId Vm, long InputsHandled);

/// <summary>The CNA to a child agent's address: the agent is done; the runtime stops the child and forgets its name.</summary>
public sealed record RetireAgent
{
    public static readonly RetireAgent Instance = new();
}
