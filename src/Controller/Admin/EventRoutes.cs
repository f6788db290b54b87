using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>/api/events: pages through the journal in global order, straight from storage (works on a standby).</summary>
internal static class EventRoutes
{
    public const int DefaultMax = 100;
    public const int MaxCap = 1000;

    public static void Map(IEndpointRouteBuilder api, IEventFeed feed, ILogger log) =>
        // HttpRequest, not HttpContext: a lambda of HttpContext would bind as a RequestDelegate and drop the result.
        api.MapGet("/events", (HttpRequest request) => ReadAsync(request.HttpContext, feed, log));

    private static async Task<IResult> ReadAsync(HttpContext http, IEventFeed feed, ILogger log)
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

        IReadOnlyList<FeedEvent> events;
        try
        {
            events = last > 0
                ? await feed.ReadLatestAsync(last, http.RequestAborted).ConfigureAwait(false)
                : await feed.ReadAfterAsync(after, max, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "journal read after {After} failed", after);
            return AdminResults.Error(StatusCodes.Status503ServiceUnavailable, "the journal could not be read; the controller's log has the details");
        }

        JournalEventRow[] rows = [.. events.Select(e => new JournalEventRow(e.Ordering, e.PersistenceId, e.SequenceNr, e.Created, e.Manifest, e.Event))];
        return AdminResults.Json<IReadOnlyList<JournalEventRow>>(rows, ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow);
    }
}
