namespace Cluster.Persistence;

/// <summary>Messages an event-sourced actor sends itself while recovering and persisting.</summary>
internal sealed record RecoveryPermitGranted
{
    public static readonly RecoveryPermitGranted Instance = new();
}

/// <summary>What recovery read, already deserialized: the snapshot's state (if any) and each event with its sequence number.</summary>
internal sealed record RecoveryLoaded(Snapshot? Snapshot, object? SnapshotState, IReadOnlyList<(long SequenceNr, object Event)> Events);

internal sealed record RecoveryFailed(Exception Cause);

internal sealed record WriteSucceeded(long HighestSequenceNr);

internal sealed record WriteFailed(Exception Cause, long HighestSequenceNr);

/// <summary>Told to the actor (through its command handler) when a snapshot is stored or not.</summary>
public sealed record SaveSnapshotSuccess(long SequenceNr);

public sealed record SaveSnapshotFailure(long SequenceNr, Exception Cause);
