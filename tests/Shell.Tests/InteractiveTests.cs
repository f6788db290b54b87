using System.Globalization;

namespace Cluster.Shell.Tests;

// Interactive mode with scripted lines instead of a keyboard.
public sealed class InteractiveTests
{
    [Fact]
    public async Task Runs_lines_until_exit_and_survives_bad_ones()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, $"[{Json.Host}]");
        var lines = new ScriptedLineReader("host list", "vm strat", "vm show 'unterminated", "--output json host list", "", "history", "exit", "host list");
        var runner = new ShellRunner(lines: lines);
        var port = server.Port.ToString(CultureInfo.InvariantCulture);

        var result = await runner.RunArgsAsync("--port", port);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(lines.Prompts, p => Assert.Equal($"[127.0.0.1:{port}] > ", p));
        Assert.Equal(7, lines.Prompts.Count);
        Assert.Equal(2, server.Seen.Count);
        Assert.Contains("unknown command 'strat'", result.Error, StringComparison.Ordinal);
        Assert.Contains("unterminated ' quote", result.Error, StringComparison.Ordinal);
        Assert.Contains(Json.Host, result.Out, StringComparison.Ordinal);
        Assert.Contains("   1  host list", result.Out, StringComparison.Ordinal);
        Assert.Contains("   4  --output json host list", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_of_input_leaves_and_a_dead_server_does_not_end_the_session()
    {
        var lines = new ScriptedLineReader("cluster status", "help vm");
        var runner = new ShellRunner(lines: lines);

        var result = await runner.RunArgsAsync("--port", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("cannot connect to 127.0.0.1:1", result.Error, StringComparison.Ordinal);
        Assert.Contains("vm create --name NAME", result.Out, StringComparison.Ordinal);
        Assert.Equal(3, lines.Prompts.Count);
    }
}
