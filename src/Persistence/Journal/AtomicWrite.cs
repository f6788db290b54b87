namespace Cluster.Persistence;

/// <summary>
/// Events of one persistent actor that are stored all together or not at all.
/// Sequence numbers must be consecutive so that a replay never sees a hole inside one write.
/// </summary>
public sealed record AtomicWrite
{
    public AtomicWrite(string persistenceId, IReadOnlyList<JournalEvent> events, string writerId = "")
    {
        Guard.NotEmpty(persistenceId);

        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(writerId);
        if (events.Count == 0)
        {
            throw new ArgumentException($"{nameof(events)} must contain at least one event.", nameof(events));
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].SequenceNr != events[i - 1].SequenceNr + 1)
            {
                throw new ArgumentException(
                    $"{nameof(events)} must have consecutive sequence numbers, but {events[i - 1].SequenceNr} is followed by {events[i].SequenceNr}.",
                    nameof(events));
            }
        }

        PersistenceId = persistenceId;
        Events = events;
        WriterId = writerId;
    }

    public string PersistenceId { get; }

    public IReadOnlyList<JournalEvent> Events { get; }

    /// <summary>Identifies the writing incarnation (e.g. controller instance + epoch), for forensics after a split brain.</summary>
    public string WriterId { get; }

    public long LowestSequenceNr => Events[0].SequenceNr;

    public long HighestSequenceNr => Events[^1].SequenceNr;
}
