namespace Cluster.Persistence;

/// <summary>Snapshot store for tests and the deterministic simulation; one lock, no I/O.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedList<long, Snapshot>> _byId = new(StringComparer.Ordinal);

    public Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        SnapshotGuard.Check(snapshot);
        lock (_gate)
        {
            if (!_byId.TryGetValue(snapshot.PersistenceId, out var list))
            {
                list = [];
                _byId[snapshot.PersistenceId] = list;
            }

            list[snapshot.SequenceNr] = snapshot;
        }

        return Task.CompletedTask;
    }

    public Task<Snapshot?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        lock (_gate)
        {
            Snapshot? latest = null;
            if (_byId.TryGetValue(persistenceId, out var list))
            {
                latest = list.Values.LastOrDefault(s => s.SequenceNr <= maxSequenceNr);
            }

            return Task.FromResult(latest);
        }
    }

    public Task DeleteOlderThanAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        lock (_gate)
        {
            if (_byId.TryGetValue(persistenceId, out var list))
            {
                while (list.Count > 0 && list.Keys[0] < sequenceNr)
                {
                    list.RemoveAt(0);
                }
            }
        }

        return Task.CompletedTask;
    }
}
