namespace Cluster.Persistence;

/// <summary>An event as read back from the journal, with the row's global ordering and commit metadata.</summary>
public sealed record StoredEvent(
    long Ordering,
    string PersistenceId,
    long SequenceNr,
    DateTimeOffset Created,
    string Manifest,
    byte[] Payload,
    string WriterId,
    IReadOnlyList<string> Tags);
