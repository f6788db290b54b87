using System.Text.Json;
using Cluster.Controller.Admin;
using Cluster.Messages;
using Cluster.Persistence;

namespace Cluster.Controller.Hosting;

/// <summary>
/// /api/events over a journal of src/Persistence (the simulation's and the admin API tests'): each payload decoded through
/// the journal's serializer. The controller process uses <see cref="AkkaEventFeed"/>.
/// </summary>
public sealed class JournalEventFeed(IJournal journal, IEventSerializer serializer, ILogger log) : IEventFeed
{
    public async Task<IReadOnlyList<FeedEvent>> ReadAfterAsync(long afterOrdering, int max, CancellationToken cancellationToken) =>
        Rows(await journal.ReadAllAsync(afterOrdering, max, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<FeedEvent>> ReadLatestAsync(int count, CancellationToken cancellationToken) =>
        Rows(await LatestEvents.ReadAsync<StoredEvent>(journal.ReadAllAsync, count, cancellationToken).ConfigureAwait(false));

    private FeedEvent[] Rows(IReadOnlyList<StoredEvent> stored) =>
        [.. stored.Select(e => new FeedEvent(e.Ordering, e.PersistenceId, e.SequenceNr, e.Created, e.Manifest, Decode(e)))];

    /// <summary>
    /// The event through the journal's own serializer (so only events it can name are shown), rendered with the wire
    /// context when it knows the type, else the stored JSON as is; null when undecodable.
    /// </summary>
    private JsonElement? Decode(StoredEvent stored)
    {
        try
        {
            var @event = serializer.Deserialize(stored.Manifest, stored.Payload);
            return ClusterMessagesJsonContext.Default.GetTypeInfo(@event.GetType()) is { } typeInfo
                ? JsonSerializer.SerializeToElement(@event, typeInfo)
                : JsonSerializer.Deserialize(stored.Payload, ClusterMessagesJsonContext.Default.JsonElement);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or NotSupportedException)
        {
            log.LogWarning("event {Ordering} ({Manifest}) cannot be decoded: {Reason}", stored.Ordering, stored.Manifest, ex.Message);
            return null;
        }
    }
}
