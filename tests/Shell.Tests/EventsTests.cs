using System.Globalization;
using System.Text.Json;

namespace Cluster.Shell.Tests;

// events tail over real HTTP against canned pages (see CannedServer).
public sealed class EventsTests
{
    [Fact]
    public async Task An_events_escaped_characters_are_printed_as_themselves()
    {
        await using var server = await CannedServer.StartAsync();
        const string placed = """{"ordering":8,"persistenceId":"vrm","sequenceNr":8,"created":"2025-01-02T03:04:05+00:00","manifest":"inv.vm-placed.v1","event":{"vmId":"vm-8","host":"h-1","at":"2025-01-02T03:04:05\u002B00:00"}}""";
        server.On("GET /api/events?after=7&max=1", 200, $"[{placed}]");

        var result = await ShellRunner.RunAsync(server, "events", "tail", "--after", "7", "--max", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("2025-01-02T03:04:05+00:00", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("u002B", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_prints_a_page_as_a_table()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/events?after=5&max=2", 200, $"[{Json.Event(6)},{Json.Event(7)}]");

        var result = await ShellRunner.RunAsync(server, "events", "tail", "--after", "5", "--max", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"6\s+.\s+2025-01-02 03:04:05Z\s+.\s+vrm\s+.\s+6\s+.\s+inv\.vm-deleted\.v1\s+.\s+\{""vmId"":""vm-6""\}", result.Out);
        Assert.Contains("vm-7", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_defaults_to_the_latest_100_rows()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/events?last=100", 200, "[]");

        var result = await ShellRunner.RunAsync(server, "--output", "json", "events", "tail");

        Assert.Equal(("[]" + Environment.NewLine, ExitCodes.Ok), (result.Out, result.ExitCode));
    }

    [Fact]
    public async Task From_reads_oldest_first_from_an_ordering_and_cannot_be_combined_with_after()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/events?after=5&max=2", 200, $"[{Json.Event(6)},{Json.Event(7)}]");

        var result = await ShellRunner.RunAsync(server, "events", "tail", "--from", "6", "--max", "2");
        var both = await ShellRunner.RunAsync(server, "events", "tail", "--from", "6", "--after", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("vm-6", result.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
    }

    [Fact]
    public async Task Follow_polls_from_the_last_ordering_until_cancelled()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/events?last=100", 200, $"[{Json.Event(1)},{Json.Event(2)}]")
            .On("GET /api/events?after=2&max=100", 200, "[]");
        var runner = new ShellRunner();

        var run = runner.RunArgsAsync("--port", server.Port.ToString(CultureInfo.InvariantCulture), "--output", "json", "events", "tail", "--follow");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await server.Arrived.WaitAsync(TimeSpan.FromSeconds(10)), "the shell stopped polling");
        }

        Assert.True(runner.App.CancelCurrent());
        var result = await run;

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(["/api/events?last=100", "/api/events?after=2&max=100", "/api/events?after=2&max=100"], server.Seen.Take(3).Select(s => s.PathAndQuery));
        var lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([1L, 2L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("ordering").GetInt64()));
    }

    [Fact]
    public async Task Follow_in_table_mode_prints_one_line_per_event()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/events?last=100", 200, $"[{Json.Event(1)}]").On("GET /api/events?after=1&max=100", 200, "[]");
        var runner = new ShellRunner();

        var run = runner.RunArgsAsync("--port", server.Port.ToString(CultureInfo.InvariantCulture), "events", "tail", "--follow");
        Assert.True(await server.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await server.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        runner.App.CancelCurrent();

        Assert.Equal(ExitCodes.Ok, (await run).ExitCode);
        Assert.StartsWith("#1 2025-01-02 03:04:05Z vrm/1 inv.vm-deleted.v1 {\"vmId\":\"vm-1\"}", runner.Out, StringComparison.Ordinal);
    }
}
