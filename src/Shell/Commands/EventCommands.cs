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
        new("events", "tail", "the latest journal events (or those from an ordering on); --follow keeps polling until Ctrl+C", [],
        [
            new("--from", "show events from this ordering on, oldest first (default: the latest --max events)", "SEQ"),
            new("--after", "show events with a greater ordering (--from SEQ is --after SEQ-1)", "N"),
            new("--max", "how many events, 1-1000 (default 100)", "M"),
            new("--follow", "keep polling for new events until Ctrl+C"),
        ], TailAsync),
    ];

    private static async Task<int> TailAsync(CommandContext ctx, ParsedArgs args)
    {
        if (args.Value("--from") is not null && args.Value("--after") is not null)
        {
            throw args.Bad("--from", "cannot be combined with --after");
        }

        long? after = args.Value("--from") is not null ? args.Long("--from", 1, min: 1) - 1
            : args.Value("--after") is not null ? args.Long("--after", 0, min: 0)
            : null;
        var max = args.Int("--max", 100, min: 1, max: 1000);
        if (after is { } from)
        {
            return args.Flag("--follow") ? await FollowAsync(ctx, from, max).ConfigureAwait(false) : await OnceAsync(ctx, FetchAsync(ctx, from, max)).ConfigureAwait(false);
        }

        if (!args.Flag("--follow"))
        {
            return await OnceAsync(ctx, FetchLatestAsync(ctx, max)).ConfigureAwait(false);
        }

        // Follow from the latest page: print it, then whatever comes after its last event.
        var latest = await FetchLatestAsync(ctx, max).ConfigureAwait(false);
        if (!latest.IsSuccess)
        {
            return ctx.Output.Refusal(latest);
        }

        var rows = JsonSerializer.Deserialize(latest.Body, ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow) ?? [];
        foreach (var row in rows)
        {
            WriteLine(ctx, row);
        }

        return await FollowAsync(ctx, rows.Count > 0 ? rows[^1].Ordering : 0, max).ConfigureAwait(false);
    }

    private static async Task<int> OnceAsync(CommandContext ctx, Task<ApiResponse> request) =>
        ctx.Output.Show(await request.ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow, Views.Events);

    private static void WriteLine(CommandContext ctx, JournalEventRow row) =>
        ctx.Output.WriteRaw(ctx.Output.Format == OutputFormat.Json
            ? JsonSerializer.Serialize(row, ClusterMessagesJsonContext.Default.JournalEventRow)
            : Views.EventLine(row));

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
                    WriteLine(ctx, row);
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

    internal static Task<ApiResponse> FetchLatestAsync(CommandContext ctx, int max) =>
        ctx.Client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/events?last={max}"), ctx.Cancellation);

    internal static Task<ApiResponse> FetchAsync(CommandContext ctx, long after, int max) =>
        ctx.Client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/events?after={after}&max={max}"), ctx.Cancellation);
}
