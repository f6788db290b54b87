using System.Globalization;

namespace Cluster.Shell.Tests;

// cluster watch over real HTTP against canned answers: without a terminal it prints one block per refresh.
public sealed class WatchTests
{
    [Fact]
    public async Task Watch_prints_hosts_vms_and_recent_events_each_refresh_until_cancelled()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster", 200, Json.Cluster)
            .On("GET /api/events?after=0&max=1000", 200, $"[{Json.Event(1)},{Json.Event(2)},{Json.Event(3)}]")
            .On("GET /api/events?after=3&max=1000", 200, "[]");
        var runner = new ShellRunner();

        var run = runner.RunArgsAsync("--port", server.Port.ToString(CultureInfo.InvariantCulture), "cluster", "watch", "--events", "2");
        for (var i = 0; i < 5; i++)
        {
            // Two refreshes (each asks for the cluster, then the events after the last one seen) and the start of a third.
            Assert.True(await server.Arrived.WaitAsync(TimeSpan.FromSeconds(10)), "the watch stopped refreshing");
        }

        Assert.True(runner.App.CancelCurrent());
        var result = await run;

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(["/api/cluster", "/api/events?after=0&max=1000", "/api/cluster", "/api/events?after=3&max=1000"], server.Seen.Take(4).Select(s => s.PathAndQuery));
        Assert.True(CountOf(result.Out, "cluster watch") >= 2, result.Out);
        Assert.Contains("h-1", result.Out, StringComparison.Ordinal);
        Assert.Contains("web-1", result.Out, StringComparison.Ordinal);
        Assert.Contains("vm-3", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("vm-1\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_shows_a_standby_answer_and_keeps_watching()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster", 503, """{"message":"ctrl-2 is a standby controller","errors":[]}""")
            .On("GET /api/events?after=0&max=1000", 200, "[]");

        var result = await ShellRunner.RunAsync(server, "cluster", "watch", "--duration", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("503 ServiceUnavailable", result.Out, StringComparison.Ordinal);
        Assert.True(CountOf(result.Out, "cluster watch") >= 2, result.Out);
    }

    [Fact]
    public async Task Watch_rides_through_a_controller_restart_and_reads_events_on_from_the_last_one()
    {
        var first = await CannedServer.StartAsync();
        var port = first.Port;
        first.On("GET /api/cluster", 200, Json.Cluster).On("GET /api/events?after=0&max=1000", 200, $"[{Json.Event(1)}]").On("GET /api/events?after=1&max=1000", 200, "[]");
        var runner = new ShellRunner();
        var run = runner.RunArgsAsync("--port", port.ToString(CultureInfo.InvariantCulture), "cluster", "watch", "--events", "5");
        Assert.True(await first.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await first.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));

        await first.DisposeAsync();
        await using var second = await CannedServer.StartAsync(port);
        second.On("GET /api/cluster", 200, Json.Cluster).On("GET /api/events?after=1&max=1000", 200, $"[{Json.Event(2)}]").On("GET /api/events?after=2&max=1000", 200, "[]");
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await second.Arrived.WaitAsync(TimeSpan.FromSeconds(30)), "the watch did not come back");
        }

        runner.App.CancelCurrent();
        var result = await run;

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain(second.Seen, s => s.PathAndQuery == "/api/events?after=0&max=1000");
        Assert.Contains("vm-2", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_rejects_a_bad_interval()
    {
        var result = await ShellRunner.RunAsync("cluster", "watch", "--interval", "0");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--interval", result.Error, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
