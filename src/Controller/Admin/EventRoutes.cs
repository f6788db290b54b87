using System.Text.Json;
using Cluster.Messages;
using Cluster.Persistence;

namespace Cluster.Controller.Admin;

/// <summary>
/// /api/events: pages through the journal in global order. It reads the journal directly, not the
/// VRM, so the feed works on a standby controller too.
/// </summary>
internal static class EventRoutes
{
    public const int DefaultMax = 100;
    public const int MaxCap = 1000;

    public static void Map(IEndpointRouteBuilder api, IJournal journal, IEventSerializer serializer, ILogger log) =>
        // HttpRequest, not HttpContext: a lambda of HttpContext would bind as a RequestDelegate and drop the result.
        api.MapGet("/events", (HttpRequest request) => ReadAsync(request.HttpContext, journal, serializer, log));

    private static async Task<IResult> ReadAsync(HttpContext http, IJournal journal, IEventSerializer serializer, ILogger log)
    {
        var query = new QueryReader(http.Request.Query);
        var after = query.Long("after", fallback: 0, min: 0);
        // Larger pages are clamped rather than refused: a client asking for "all" still gets a useful page.
        var max = (int)Math.Min(query.Long("max", fallback: DefaultMax, min: 1), MaxCap);

        // ?last=N: the newest N events (in order), instead of a page after an ordering.
        var last = (int)query.Long("last", fallback: 0, min: 1, max: MaxCap);
        if (last > 0 && http.Request.Query.ContainsKey("after"))
        {
            return AdminResults.Invalid("last", "cannot be combined with after");
        }

        if (query.Errors.Count > 0)
        {
            return AdminResults.Invalid(query.Errors);
        }

        IReadOnlyList<StoredEvent> stored;
        try
        {
            stored = last > 0
                ? await LatestEvents.ReadAsync(journal, last, http.RequestAborted).ConfigureAwait(false)
                : await journal.ReadAllAsync(after, max, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "journal read after {After} failed", after);
            return AdminResults.Error(StatusCodes.Status503ServiceUnavailable, "the journal could not be read; the controller's log has the details");
        }

        JournalEventRow[] rows = [.. stored.Select(e => new JournalEventRow(e.Ordering, e.PersistenceId, e.SequenceNr, e.Created, e.Manifest, Decode(e, serializer, log)))];
        return AdminResults.Json<IReadOnlyList<JournalEventRow>>(rows, ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow);
    }

    /// <summary>
    /// The event through the journal's own serializer (so only events it can name are shown), rendered
    /// with the wire context when it knows the type, else the stored JSON as is; null when undecodable.
    /// </summary>
    private static JsonElement? Decode(StoredEvent stored, IEventSerializer serializer, ILogger log)
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
