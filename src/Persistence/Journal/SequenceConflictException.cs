namespace Cluster.Persistence;

/// <summary>
/// A write used sequence numbers that are already stored for its persistence id: usually a second live
/// incarnation of the same actor (split brain), so the write is rejected rather than merged.
/// </summary>
public sealed class SequenceConflictException : Exception
{
    public SequenceConflictException(string persistenceId, long fromSequenceNr, long toSequenceNr, Exception? inner = null)
        : base($"Sequence numbers {fromSequenceNr}..{toSequenceNr} of '{persistenceId}' conflict with stored events.", inner)
    {
        PersistenceId = persistenceId;
        FromSequenceNr = fromSequenceNr;
        ToSequenceNr = toSequenceNr;
    }

    public string PersistenceId { get; }

    public long FromSequenceNr { get; }

    public long ToSequenceNr { get; }
}
