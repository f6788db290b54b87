using System.Text.Json;

namespace Cluster.Messages;

/// <summary>
/// One journal row as the admin API's event feed shows it, the event decoded to JSON. Only HTTP carries
/// it (never an actor message or the journal), so it is not an <see cref="IWireMessage"/> and has no
/// manifest. <see cref="Event"/> is null when the row's manifest cannot be decoded by this controller.
/// </summary>
public sealed record JournalEventRow(
    long Ordering,
    string PersistenceId,
    long SequenceNr,
    DateTimeOffset Created,
    string Manifest,
    JsonElement? Event);
