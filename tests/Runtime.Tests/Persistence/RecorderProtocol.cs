namespace Cluster.Runtime.Tests.Persistence;

// Commands and replies of the conformance suite's test entity. They stay in-process, so they need no manifest.

/// <summary>Persist one event per code as one PersistAll batch; the reply comes after the last is persisted.</summary>
public sealed record Record(params string[] Codes);

public sealed record Recorded(long LastSequenceNr);

public sealed record GetState;

/// <summary>What the entity holds, and which snapshot (if any) its recovery started from.</summary>
public sealed record RecorderState(IReadOnlyList<string> Codes, long LastSequenceNr, long? RecoveredFromSnapshot);

public sealed record TakeSnapshot;

public sealed record SnapshotTaken(long SequenceNr);

public sealed record DeleteEventsUpTo(long SequenceNr);

public sealed record EventsDeleted(long SequenceNr);

public sealed record DeleteSnapshotsUpTo(long SequenceNr);

public sealed record SnapshotsDeleted(long MaxSequenceNr);
