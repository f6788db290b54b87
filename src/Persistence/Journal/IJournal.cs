namespace Cluster.Persistence;

/// <summary>
/// Append-only event journal. Rows: ordering (global, increasing), persistence_id, sequence_nr (unique per
/// persistence id), created, manifest, payload, writer_id, tags.
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Stores a batch in one transaction. Each <see cref="AtomicWrite"/> is all-or-nothing on its own: a sequence
    /// conflict rejects only that write (its result carries a <see cref="SequenceConflictException"/>).
    /// Any other failure throws and nothing of the batch is stored.
    /// </summary>
    Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Events of one persistence id with fromSequenceNr &lt;= sequence_nr &lt;= toSequenceNr, ascending, at most max.</summary>
    IAsyncEnumerable<StoredEvent> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default);

    /// <summary>Highest sequence number ever stored for the id (0 if none); survives <see cref="DeleteToAsync"/>.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Physically deletes the events with sequence_nr &lt;= toSequenceNr (clamped to the highest stored) and
    /// remembers the bound, so that the highest sequence number is still known when every event is gone.
    /// </summary>
    Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Events of every persistence id with ordering &gt; afterOrdering, in global order, at most max.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterOrdering, int max, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="ReadAllAsync"/> but only events carrying the tag.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadByTagAsync(string tag, long afterOrdering, int max, CancellationToken cancellationToken = default);
}
