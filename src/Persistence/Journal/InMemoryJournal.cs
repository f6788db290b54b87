using System.Runtime.CompilerServices;

namespace Cluster.Persistence;

/// <summary>
/// Journal for tests and the deterministic simulation. Same semantics as the SQL journals, including the
/// per-write conflict rule and the remembered delete bound.
/// </summary>
public sealed class InMemoryJournal(TimeProvider time) : IJournal
{
    private readonly Lock _gate = new();
    private readonly List<StoredEvent> _all = [];
    private readonly Dictionary<string, SortedList<long, StoredEvent>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _deletedTo = new(StringComparer.Ordinal);
    private long _ordering;

    /// <summary>
    /// Fault injection: when set, each batch asks it first, and a returned exception fails the whole batch
    /// the way a lost database connection would.
    /// </summary>
    public Func<Exception?>? WriteFault { get; set; }

    public Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (WriteFault?.Invoke() is { } fault)
        {
            return Task.FromException<IReadOnlyList<WriteResult>>(fault);
        }

        var created = time.GetUtcNow();
        var results = new WriteResult[writes.Count];
        lock (_gate)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                results[i] = Append(writes[i], created);
            }
        }

        return Task.FromResult<IReadOnlyList<WriteResult>>(results);
    }

    public async IAsyncEnumerable<StoredEvent> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        Guard.NotNegative(max);
        StoredEvent[] selected;
        lock (_gate)
        {
            selected = _byId.TryGetValue(persistenceId, out var events)
                ? [.. events.Values.Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr).Take((int)Math.Min(max, int.MaxValue))]
                : [];
        }

        foreach (var e in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        lock (_gate)
        {
            return Task.FromResult(Highest(persistenceId));
        }
    }

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        lock (_gate)
        {
            var bound = Math.Min(toSequenceNr, Highest(persistenceId));
            if (_byId.TryGetValue(persistenceId, out var events))
            {
                while (events.Count > 0 && events.Keys[0] <= bound)
                {
                    _all.Remove(events.Values[0]);
                    events.RemoveAt(0);
                }
            }

            _deletedTo[persistenceId] = Math.Max(bound, _deletedTo.GetValueOrDefault(persistenceId));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterOrdering, int max, CancellationToken cancellationToken = default) =>
        Select(e => e.Ordering > afterOrdering, max);

    public Task<IReadOnlyList<StoredEvent>> ReadByTagAsync(string tag, long afterOrdering, int max, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(tag);
        return Select(e => e.Ordering > afterOrdering && e.Tags.Contains(tag, StringComparer.Ordinal), max);
    }

    private Task<IReadOnlyList<StoredEvent>> Select(Func<StoredEvent, bool> predicate, int max)
    {
        Guard.NotNegative(max);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredEvent>>([.. _all.Where(predicate).Take(max)]);
        }
    }

    private WriteResult Append(AtomicWrite write, DateTimeOffset created)
    {
        if (!_byId.TryGetValue(write.PersistenceId, out var events))
        {
            events = [];
            _byId[write.PersistenceId] = events;
        }

        if (write.Events.Any(e => events.ContainsKey(e.SequenceNr)))
        {
            return new WriteResult(new SequenceConflictException(write.PersistenceId, write.LowestSequenceNr, write.HighestSequenceNr));
        }

        foreach (var e in write.Events)
        {
            var stored = new StoredEvent(++_ordering, write.PersistenceId, e.SequenceNr, created, e.Manifest, e.Payload, write.WriterId, e.Tags);
            events.Add(e.SequenceNr, stored);
            _all.Add(stored);
        }

        return WriteResult.Success;
    }

    private long Highest(string persistenceId)
    {
        var stored = _byId.TryGetValue(persistenceId, out var events) && events.Count > 0 ? events.Keys[^1] : 0;
        return Math.Max(stored, _deletedTo.GetValueOrDefault(persistenceId));
    }
}
