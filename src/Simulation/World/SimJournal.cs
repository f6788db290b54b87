namespace Cluster.Simulation.World;

/// <summary>
/// The in-memory journal: events per persistence id, sequence numbers from 1. A write is refused when a failure
/// was injected for that id, or when the writer's sequence number is behind (another live writer of the same id,
/// which a real journal rejects as a conflict); a refused write stores nothing of its batch. Each event keeps the
/// virtual instant it was stored at, as a real journal row keeps its timestamp (scenario logs print it).
/// </summary>
public sealed class SimJournal(IJournalCodec codec, VirtualClock? clock = null)
{
    private readonly Dictionary<string, List<object>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TimeSpan>> _storedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failuresToInject = new(StringComparer.Ordinal);

    public IJournalCodec Codec { get; } = codec;

    public long RefusedWrites { get; private set; }

    public long HighestSequenceNr(string persistenceId) => _events.TryGetValue(persistenceId, out var events) ? events.Count : 0;

    /// <summary>The stored events of <paramref name="persistenceId"/>, decoded, in order.</summary>
    public IReadOnlyList<object> Events(string persistenceId)
    {
        if (!_events.TryGetValue(persistenceId, out var stored))
        {
            return [];
        }

        var decoded = new List<object>(stored.Count);
        foreach (var item in stored)
        {
            decoded.Add(Codec.Decode(item));
        }

        return decoded;
    }

    /// <summary>The stored events of <paramref name="persistenceId"/> after <paramref name="afterSequenceNr"/>, decoded, with when each was stored.</summary>
    public IReadOnlyList<SimJournalEntry> Read(string persistenceId, long afterSequenceNr)
    {
        if (!_events.TryGetValue(persistenceId, out var stored) || afterSequenceNr >= stored.Count)
        {
            return [];
        }

        var times = _storedAt[persistenceId];
        var entries = new List<SimJournalEntry>(stored.Count - (int)afterSequenceNr);
        for (var index = (int)afterSequenceNr; index < stored.Count; index++)
        {
            entries.Add(new SimJournalEntry(index + 1, times[index], Codec.Decode(stored[index])));
        }

        return entries;
    }

    /// <summary>Refuses the next <paramref name="count"/> writes for <paramref name="persistenceId"/>, as a database outage would.</summary>
    public void FailNextWrites(string persistenceId, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _failuresToInject[persistenceId] = _failuresToInject.GetValueOrDefault(persistenceId) + count;
    }

    internal bool TryAppend(string persistenceId, long writerSequenceNr, IReadOnlyList<object> events)
    {
        // Encoded first, so an event the real journal could not store fails even when the write is refused anyway.
        var encoded = new object[events.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = Codec.Encode(events[i]);
        }

        if (ConsumeInjectedFailure(persistenceId) || writerSequenceNr != HighestSequenceNr(persistenceId))
        {
            RefusedWrites++;
            return false;
        }

        if (!_events.TryGetValue(persistenceId, out var stored))
        {
            stored = [];
            _events[persistenceId] = stored;
            _storedAt[persistenceId] = [];
        }

        stored.AddRange(encoded);
        var at = clock?.Elapsed ?? TimeSpan.Zero;
        var times = _storedAt[persistenceId];
        for (var i = 0; i < encoded.Length; i++)
        {
            times.Add(at);
        }

        return true;
    }

    internal void Replay(string persistenceId, long afterSequenceNr, Action<object> recover)
    {
        if (!_events.TryGetValue(persistenceId, out var stored))
        {
            return;
        }

        for (var index = (int)afterSequenceNr; index < stored.Count; index++)
        {
            recover(Codec.Decode(stored[index]));
        }
    }

    private bool ConsumeInjectedFailure(string persistenceId)
    {
        if (!_failuresToInject.TryGetValue(persistenceId, out var left))
        {
            return false;
        }

        if (left <= 1)
        {
            _failuresToInject.Remove(persistenceId);
        }
        else
        {
            _failuresToInject[persistenceId] = left - 1;
        }

        return true;
    }
}
