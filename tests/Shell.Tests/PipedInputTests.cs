using System.Globalization;

namespace Cluster.Shell.Tests;

// Lines from a pipe or a file: no banner or prompts, failed lines reported by number, a non-zero exit if any failed.
public sealed class PipedInputTests
{
    [Fact]
    public async Task Failed_lines_are_numbered_and_make_the_exit_code()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, "[]");
        var lines = new ScriptedLineReader("host list", "# a comment", "vm strat", "", "host show h-9", "host list") { IsTerminal = false };

        var result = await new ShellRunner(lines: lines).RunArgsAsync("--port", server.Port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.All(lines.Prompts, p => Assert.Equal(string.Empty, p));
        Assert.DoesNotContain("cluster-shell:", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("line 3: error: vm: unknown command 'strat'", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: vm commands:", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: error: 404 NotFound", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, server.Seen.Count);
    }

    [Fact]
    public async Task All_lines_good_exits_0()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, "[]");

        var result = await new ShellRunner(lines: new ScriptedLineReader("host list", "exit", "vm strat") { IsTerminal = false })
            .RunArgsAsync("--port", server.Port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal((ExitCodes.Ok, string.Empty), (result.ExitCode, result.Error));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Ctrl_C_at_the_prompt_keeps_a_terminal_session_and_ends_a_piped_script(bool terminal, bool kept)
    {
        var lines = new ScriptedLineReader("help") { IsTerminal = terminal };
        var runner = new ShellRunner(lines: lines);
        var answers = new List<bool>();
        lines.AtPrompt = () => answers.Add(runner.App.HandleInterrupt());

        await runner.RunArgsAsync("--port", "1");

        Assert.All(answers, a => Assert.Equal(kept, a));
        Assert.False(new ShellRunner().App.HandleInterrupt(), "one-shot with nothing running: Ctrl+C ends the process");
    }

    [Fact]
    public async Task The_real_process_reading_a_pipe_prints_no_prompt_and_fails_with_the_line()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, $"[{Json.Host}]");

        var result = await ShellProcess.RunAsync("host list\nvm strat\n", "--port", server.Port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.DoesNotContain(">", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("cluster-shell:", result.Out, StringComparison.Ordinal);
        Assert.Contains("h-1", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("line 2: error: vm: unknown command 'strat'", result.Error, StringComparison.Ordinal);
    }
}
