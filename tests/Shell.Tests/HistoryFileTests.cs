using System.Globalization;

namespace Cluster.Shell.Tests;

// History is kept across sessions in a file (CLUSTER_SHELL_HISTORY here; XDG_STATE_HOME or ~/.local/state otherwise), bounded.
public sealed class HistoryFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shell-history-").FullName;

    [Fact]
    public async Task A_second_session_sees_the_first_sessions_lines()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, "[]");
        var file = Path.Combine(_dir, "nested", "history");
        var environment = new Dictionary<string, string> { ["CLUSTER_SHELL_HISTORY"] = file };
        var port = server.Port.ToString(CultureInfo.InvariantCulture);

        await new ShellRunner(environment, new ScriptedLineReader("host list", "vm strat")).RunArgsAsync("--port", port);
        var second = await new ShellRunner(environment, new ScriptedLineReader("history")).RunArgsAsync("--port", port);

        Assert.Equal(["host list", "vm strat", "history"], File.ReadAllLines(file));
        Assert.Contains("   1  host list", second.Out, StringComparison.Ordinal);
        Assert.Contains("   2  vm strat", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_is_cut_back_to_the_limit_and_piped_input_leaves_it_alone()
    {
        var file = Path.Combine(_dir, "history");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 1500).Select(i => $"vm show vm-{i}"));
        var environment = new Dictionary<string, string> { ["CLUSTER_SHELL_HISTORY"] = file };

        await new ShellRunner(environment, new ScriptedLineReader("exit")).RunArgsAsync("--port", "1");
        await new ShellRunner(environment, new ScriptedLineReader("help") { IsTerminal = false }).RunArgsAsync("--port", "1");

        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(1001, lines.Length);
        Assert.Equal("vm show vm-501", lines[0]);
        Assert.Equal("exit", lines[^1]);
    }

    [Fact]
    public async Task Xdg_state_home_is_the_default_place()
    {
        var environment = new Dictionary<string, string> { ["XDG_STATE_HOME"] = _dir, ["HOME"] = "/nonexistent" };

        await new ShellRunner(environment, new ScriptedLineReader("help")).RunArgsAsync("--port", "1");

        Assert.Equal(["help"], await File.ReadAllLinesAsync(Path.Combine(_dir, "cluster-shell", "history")));
    }

    [Fact]
    public async Task An_unwritable_history_file_is_a_warning_not_a_failure()
    {
        var environment = new Dictionary<string, string> { ["CLUSTER_SHELL_HISTORY"] = "/proc/cluster-shell-history" };

        var result = await new ShellRunner(environment, new ScriptedLineReader("help", "help")).RunArgsAsync("--port", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("warning: history file", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
