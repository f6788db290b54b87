using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Cluster.Shell.Tests;

// events tail --follow rides through a controller restart or a failover: it says so once, and resumes after the last event it printed.
public sealed class FollowReconnectTests
{
    [Fact]
    public async Task A_restarted_controller_is_followed_on_without_duplicates_or_gaps()
    {
        var first = await CannedServer.StartAsync();
        var port = first.Port;
        first.On("GET /api/events?after=0&max=100", 200, $"[{Json.Event(1)},{Json.Event(2)}]").On("GET /api/events?after=2&max=100", 200, "[]");
        var runner = new ShellRunner();
        var run = runner.RunArgsAsync("--port", port.ToString(CultureInfo.InvariantCulture), "--output", "json", "events", "tail", "--follow", "--after", "0");
        Assert.True(await first.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await first.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));

        await first.DisposeAsync();
        await WaitForAsync(() => runner.Error.Contains("reconnecting", StringComparison.Ordinal), runner);
        await using var second = await CannedServer.StartAsync(port);
        // The restarted controller still has 1 and 2 (a page may overlap what was printed) and a new 3.
        second.On("GET /api/events?after=2&max=100", 200, $"[{Json.Event(2)},{Json.Event(3)}]").On("GET /api/events?after=3&max=100", 200, "[]");
        Assert.True(await second.Arrived.WaitAsync(TimeSpan.FromSeconds(30)), "the shell did not come back");
        Assert.True(await second.Arrived.WaitAsync(TimeSpan.FromSeconds(30)));
        runner.App.CancelCurrent();
        var result = await run;

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("/api/events?after=2&max=100", second.Seen.First().PathAndQuery);
        var orderings = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("ordering").GetInt64());
        Assert.Equal([1L, 2L, 3L], orderings);
        Assert.Equal(1, CountOf(result.Error, "lost the controller"));
        Assert.Equal(1, CountOf(result.Error, "reconnected"));
        Assert.Contains("resuming after #2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standby_answering_503_during_a_failover_is_waited_for()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/events?after=0&max=100", 503, """{"message":"standby","errors":[]}""");
        var runner = new ShellRunner();
        var run = runner.RunArgsAsync("--port", server.Port.ToString(CultureInfo.InvariantCulture), "events", "tail", "--follow", "--after", "0");
        Assert.True(await server.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await server.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));

        server.On("GET /api/events?after=0&max=100", 200, $"[{Json.Event(1)}]").On("GET /api/events?after=1&max=100", 200, "[]");
        await WaitForAsync(() => runner.Out.Contains("#1 ", StringComparison.Ordinal), runner);
        runner.App.CancelCurrent();
        var result = await run;

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("events tail: lost the controller (503 ServiceUnavailable); reconnecting", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(result.Error, "lost the controller"));
    }

    [Fact]
    public async Task A_controller_never_reached_is_exit_3_not_an_endless_retry()
    {
        var server = await CannedServer.StartAsync();
        var port = server.Port;
        await server.DisposeAsync();

        var result = await ShellRunner.RunAsync("--port", port.ToString(CultureInfo.InvariantCulture), "events", "tail", "--follow", "--after", "0");

        Assert.Equal(ExitCodes.CannotConnect, result.ExitCode);
        Assert.DoesNotContain("reconnecting", result.Error, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition, ShellRunner runner)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30), $"timed out; stdout: {runner.Out}\nstderr: {runner.Error}");
            await timer.WaitForNextTickAsync();
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
