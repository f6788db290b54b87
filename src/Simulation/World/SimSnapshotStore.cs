namespace Cluster.Simulation.World;

/// <summary>The in-memory snapshot store: the latest snapshot per persistence id, with the sequence number it covers.</summary>
public sealed class SimSnapshotStore(IJournalCodec codec)
{
    private readonly Dictionary<string, (long SequenceNr, object State)> _latest = new(StringComparer.Ordinal);

    public long Saved { get; private set; }

    public bool TryLoad(string persistenceId, out long sequenceNr, out object? state)
    {
        if (_latest.TryGetValue(persistenceId, out var snapshot))
        {
            sequenceNr = snapshot.SequenceNr;
            state = codec.Decode(snapshot.State);
            return true;
        }

        sequenceNr = 0;
        state = null;
        return false;
    }

    internal void Save(string persistenceId, long sequenceNr, object state)
    {
        _latest[persistenceId] = (sequenceNr, codec.Encode(state));
        Saved++;
    }
}
