using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Migration;

// The migration saga's protocol, besides the wire messages of Cluster.Messages' MigrationProtocol.cs:
// - peer inputs from the hosts, routed by the VRM: IncomingMigrationPrepared (target), MigrationProgressReported
//   (source), MigratedVmResumed (target), CommandRejected of one of the saga's commands; for a storage migration
//   DiskMirrorProgressReported and DiskMirrorPivoted (the VM's host);
// - inputs from the VRM: MigrationHostFailed, MigrationCancelRequested, MigrationInstanceReported, MigrationInstanceMissing (below);
// - timer inputs: MigrationTimedOut, keyed per saga and kind;
// - effects: none;
// - outputs: MigrationPhaseChanged events; host commands (PrepareIncomingMigration, StartMigration, CancelMigration,
//   ResumeMigratedVm, QuitMigratedSource, DiscardIncomingMigration; StartDiskMirror, PivotDiskMirror, CancelDiskMirror)
//   sent to a MigrationHostPeer, which the VRM
//   delivers to that host's agent; an answer to whoever asked to cancel.

/// <summary>A host as the saga addresses it: the VRM turns it into the host agent's peer.</summary>
public sealed record MigrationHostPeer(HostId Host)
{
    public static Peer Of(HostId host) => new(new MigrationHostPeer(host));
}

/// <summary>The VRM saw one of the saga's hosts turn Faulty.</summary>
public sealed record MigrationHostFailed(MigrationId MigrationId, HostId Host);

/// <summary>An operator asked to cancel; answered with <see cref="MigrationCancelAnswer"/>.</summary>
public sealed record MigrationCancelRequested(MigrationId MigrationId);

/// <summary>Whether a cancel was taken; after switch-over began it is too late.</summary>
public sealed record MigrationCancelAnswer(MigrationId MigrationId, bool Cancelled, string Detail);

/// <summary>A heartbeat of one of the saga's hosts reported the VM; resolves an in-doubt switch-over.</summary>
public sealed record MigrationInstanceReported(MigrationId MigrationId, HostId Host, VmPowerState PowerState, long Incarnation);

/// <summary>
/// A heartbeat of one of the saga's hosts lacks the VM altogether, paused copies included: that host lost its instance
/// (it restarted, or was power-cycled faster than the VRM declares a host Faulty).
/// </summary>
public sealed record MigrationInstanceMissing(MigrationId MigrationId, HostId Host);

/// <summary>What a saga's timer waits for.</summary>
public enum MigrationTimeout
{
    Prepare,
    Progress,
    Completion,
    SwitchOver,

    /// <summary>Not a deadline: an in-doubt saga asks again, since the host it asked may have lost the question or been unable to act.</summary>
    InDoubtRetry,

    /// <summary>A storage migration's host has not answered the pivot.</summary>
    Pivot,
}

/// <summary>A saga's timer fired.</summary>
public sealed record MigrationTimedOut(MigrationId MigrationId, MigrationTimeout Kind)
{
    public static string TimerKey(MigrationId migration, MigrationTimeout kind) => $"migration/{migration}/{kind}";
}
