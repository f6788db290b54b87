namespace Cluster.Persistence;

/// <summary>
/// One event as the journal stores it. Serialization is the caller's concern (see <see cref="IEventSerializer"/>),
/// so at this layer an event is only a manifest naming its type and version, opaque bytes and tags.
/// </summary>
public sealed record JournalEvent
{
    public JournalEvent(long sequenceNr, string manifest, byte[] payload, IReadOnlyList<string>? tags = null)
    {
        Guard.Positive(sequenceNr);
        Guard.NotEmpty(manifest);
        ArgumentNullException.ThrowIfNull(payload);
        tags ??= [];
        foreach (var tag in tags)
        {
            // Tags are stored comma-separated, so a comma inside one would split it in two on read.
            if (string.IsNullOrEmpty(tag) || tag.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"{nameof(tags)} must be non-empty and contain no comma, got '{tag}'.", nameof(tags));
            }
        }

        SequenceNr = sequenceNr;
        Manifest = manifest;
        Payload = payload;
        Tags = tags;
    }

    public long SequenceNr { get; }

    public string Manifest { get; }

    public byte[] Payload { get; }

    public IReadOnlyList<string> Tags { get; }
}
