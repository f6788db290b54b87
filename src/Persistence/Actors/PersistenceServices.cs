namespace Cluster.Persistence;

/// <summary>
/// What event-sourced actors need from the storage layer: a journal (batched in production), a snapshot
/// store, an event serializer, a name for this writer, and a cap on concurrent recoveries.
/// </summary>
public sealed class PersistenceServices
{
    public PersistenceServices(IJournal journal, ISnapshotStore snapshots, IEventSerializer serializer, string writerId, int maxConcurrentRecoveries = 16)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(serializer);
        Journal = journal;
        Snapshots = snapshots;
        Serializer = serializer;
        WriterId = writerId;
        RecoveryPermits = new RecoveryPermits(maxConcurrentRecoveries);
    }

    public IJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    public IEventSerializer Serializer { get; }

    public string WriterId { get; }

    public RecoveryPermits RecoveryPermits { get; }

    /// <summary>Writes one actor's events; through the batching journal's group commit when there is one.</summary>
    internal async Task WriteAsync(AtomicWrite write)
    {
        if (Journal is BatchingJournal batching)
        {
            await batching.WriteAsync(write).ConfigureAwait(false);
            return;
        }

        var results = await Journal.WriteAsync([write]).ConfigureAwait(false);
        if (results[0].Error is { } error)
        {
            throw error;
        }
    }
}
