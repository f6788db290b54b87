using System.Globalization;
using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Http;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The events palette: reads the controller's journal in global order, once or following new events.</summary>
public static class EventCommands
{
    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("events", "tail", "journal events after an ordering; --follow keeps polling until Ctrl+C", [],
        [
            new("--after", "show events with a greater ordering (default 0: from the start)", "N"),
            new("--max", "events per page, 1-1000 (default 100)", "M"),
            new("--follow", "keep polling for new events until Ctrl+C"),
        ], TailAsync),
    ];

    private static Task<int> TailAsync(CommandContext ctx, ParsedArgs args)
    {
        var after = args.Long("--after", 0, min: 0);
        var max = args.Int("--max", 100, min: 1, max: 1000);
        return args.Flag("--follow") ? FollowAsync(ctx, after, max) : OnceAsync(ctx, after, max);
    }

    private static async Task<int> OnceAsync(CommandContext ctx, long after, int max) =>
        ctx.Output.Show(await FetchAsync(ctx, after, max).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow, Views.Events);

    /// <summary>
    /// Polls on a <see cref="PeriodicTimer"/> driven by the injected clock. A full page is followed by
    /// another fetch at once, so a backlog drains without waiting a period per page. A controller that is
    /// unreachable or answers 502/503/504 (restarting, standby during a failover) is retried with back-off
    /// and reported once on stderr; the next page starts after the last event printed, so nothing is
    /// repeated or skipped. A controller never reached at all is a wrong address, not an outage: exit 3 as
    /// for any command. Ctrl+C ends it (exit 0).
    /// </summary>
    private static async Task<int> FollowAsync(CommandContext ctx, long after, int max)
    {
        using var timer = new PeriodicTimer(ctx.FollowInterval, ctx.Time);
        var reconnect = new Reconnect(ctx, "events tail");
        var reached = false;
        try
        {
            while (true)
            {
                ApiResponse response;
                try
                {
                    response = await FetchAsync(ctx, after, max).ConfigureAwait(false);
                }
                catch (CannotConnectException ex) when (reached)
                {
                    await reconnect.LostAsync(ex.Message).ConfigureAwait(false);
                    continue;
                }

                reached = true;
                if (Reconnect.IsTransient(response))
                {
                    await reconnect.LostAsync($"{(int)response.Status} {response.Status}").ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccess)
                {
                    return ctx.Output.Refusal(response);
                }

                reconnect.Back($"resuming after #{after}");
                var rows = JsonSerializer.Deserialize(response.Body, ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow) ?? [];
                foreach (var row in rows.Where(r => r.Ordering > after))
                {
                    ctx.Output.WriteRaw(ctx.Output.Format == OutputFormat.Json
                        ? JsonSerializer.Serialize(row, ClusterMessagesJsonContext.Default.JournalEventRow)
                        : Views.EventLine(row));
                    after = row.Ordering;
                }

                if (rows.Count < max && !await timer.WaitForNextTickAsync(ctx.Cancellation).ConfigureAwait(false))
                {
                    return ExitCodes.Ok;
                }
            }
        }
        catch (OperationCanceledException) when (ctx.Cancellation.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (JsonException ex)
        {
            ctx.Output.Error.WriteLine($"error: the server's events page is not readable: {ex.Message}");
            return ExitCodes.Refused;
        }
    }

    internal static Task<ApiResponse> FetchAsync(CommandContext ctx, long after, int max) =>
        ctx.Client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/events?after={after}&max={max}"), ctx.Cancellation);
}
