namespace Cluster.Simulation.World;

/// <summary>One stored event: its sequence number, the virtual time since the world began when it was stored, and the event.</summary>
public sealed record SimJournalEntry(long SequenceNr, TimeSpan StoredAt, object Event);
