namespace Cluster.Persistence;

/// <summary>State of a persistent actor as of <paramref name="SequenceNr"/>; replay continues after it.</summary>
public sealed record Snapshot(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp, string Manifest, byte[] Payload);
