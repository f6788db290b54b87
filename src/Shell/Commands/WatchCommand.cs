using System.Globalization;
using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Http;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cluster.Shell.Commands;

/// <summary>
/// cluster watch: a live view of hosts, VMs and the latest journal events, refreshed on a
/// <see cref="PeriodicTimer"/> of the shell's clock until Ctrl+C or --duration. On a terminal it redraws
/// in place; otherwise (a pipe, a log file) it prints one block per refresh. A controller that is down or
/// standby is shown as such and watched on, so the view survives a failover.
/// </summary>
public static class WatchCommand
{
    private const int EventPage = 1000;
    private const int EventTextLength = 90;

    public static CommandSpec Spec { get; } = new("cluster", "watch", "live view of hosts, VMs and recent events, refreshed until Ctrl+C", [],
    [
        new("--interval", "seconds between refreshes (default 2)", "S"),
        new("--duration", "stop after this many seconds (default: until Ctrl+C)", "S"),
        new("--events", "how many recent events to show, 0-100 (default 10)", "N"),
    ], RunAsync);

    private static async Task<int> RunAsync(CommandContext ctx, ParsedArgs args)
    {
        var interval = args.Value("--interval") is null ? ctx.FollowInterval : TimeSpan.FromSeconds(args.Int("--interval", 2, min: 1, max: 3600));
        var duration = args.Int("--duration", 0, min: 0);
        var view = new WatchView(ctx, args.Int("--events", 10, min: 0, max: 100), interval);

        using var deadline = duration > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(duration), ctx.Time) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.Cancellation, deadline.Token);
        using var timer = new PeriodicTimer(interval, ctx.Time);
        try
        {
            // A refresh that has begun is finished even past --duration (only Ctrl+C stops it), so a short
            // --duration on a slow machine still prints a view; the deadline ends the wait between refreshes.
            if (ctx.LiveRedraw && ctx.Output.Format == OutputFormat.Table)
            {
                await ctx.Output.Console.Live(new Text("connecting..."))
                    .Overflow(VerticalOverflow.Ellipsis)
                    .Cropping(VerticalOverflowCropping.Bottom)
                    .StartAsync(async live =>
                    {
                        do
                        {
                            live.UpdateTarget(await view.RefreshAsync(ctx.Cancellation).ConfigureAwait(false));
                            live.Refresh();
                        }
                        while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
                    }).ConfigureAwait(false);
            }
            else
            {
                do
                {
                    var block = await view.RefreshAsync(ctx.Cancellation).ConfigureAwait(false);
                    if (ctx.Output.Format == OutputFormat.Table)
                    {
                        ctx.Output.Console.Write(block);
                        ctx.Output.WriteRaw(string.Empty);
                    }
                }
                while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or the end of --duration: a normal end.
        }

        return ExitCodes.Ok;
    }

    /// <summary>What the view remembers between refreshes: where the event journal was read up to, and the latest events.</summary>
    private sealed class WatchView(CommandContext ctx, int eventsShown, TimeSpan interval)
    {
        private readonly Queue<JournalEventRow> _recent = new();
        private long _after;

        public async Task<IRenderable> RefreshAsync(CancellationToken cancellationToken)
        {
            var header = $"{ctx.Settings.Endpoint}  {ctx.Time.GetLocalNow():HH:mm:ss}  every {interval.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s, Ctrl+C stops";
            var parts = new List<IRenderable> { new Text($"cluster watch  {header}") };
            try
            {
                var status = await ctx.Client.GetAsync("/api/cluster", cancellationToken).ConfigureAwait(false);
                if (ctx.Output.Format == OutputFormat.Json)
                {
                    ctx.Output.WriteRaw(status.Body);
                }

                parts.AddRange(StatusParts(status));
                await ReadNewEventsAsync(cancellationToken).ConfigureAwait(false);
                if (eventsShown > 0)
                {
                    parts.Add(new Text("recent events"));
                    parts.Add(Views.RecentEventsTable(_recent, EventTextLength));
                }
            }
            catch (CannotConnectException ex)
            {
                parts.Add(new Text($"{ex.Message} (retrying)"));
            }
            catch (JsonException ex)
            {
                parts.Add(new Text($"unreadable answer: {ex.Message}"));
            }

            return new Rows(parts);
        }

        private static IEnumerable<IRenderable> StatusParts(ApiResponse response)
        {
            if (!response.IsSuccess)
            {
                // 503 from a standby or a controller without a VRM yet: say so and keep watching.
                yield return new Text($"{(int)response.Status} {response.Status}: {response.Body.Trim()}");
                yield break;
            }

            if (JsonSerializer.Deserialize(response.Body, ClusterMessagesJsonContext.Default.ClusterStatus) is not { } status)
            {
                yield break;
            }

            yield return Views.StatusGrid(status);
            yield return Views.HostsCompactTable(status.Hosts);
            yield return Views.VmsTable(status.Vms);
        }

        /// <summary>Reads every event after the last one seen (page by page) and keeps the latest few.</summary>
        private async Task ReadNewEventsAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var response = await EventCommands.FetchAsync(ctx with { Cancellation = cancellationToken }, _after, EventPage).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    return;
                }

                var rows = JsonSerializer.Deserialize(response.Body, ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow) ?? [];
                foreach (var row in rows)
                {
                    _recent.Enqueue(row);
                    _after = row.Ordering;
                    if (_recent.Count > eventsShown)
                    {
                        _recent.Dequeue();
                    }
                }

                if (rows.Count < EventPage)
                {
                    return;
                }
            }
        }
    }
}
