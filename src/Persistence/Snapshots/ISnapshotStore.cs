namespace Cluster.Persistence;

/// <summary>Snapshots keyed by (persistence id, sequence nr); saving the same key again replaces it.</summary>
public interface ISnapshotStore
{
    Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>The snapshot with the highest sequence nr &lt;= maxSequenceNr, or null.</summary>
    Task<Snapshot?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshots with sequence nr &lt; sequenceNr (the one at sequenceNr is kept).</summary>
    Task DeleteOlderThanAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken = default);
}
