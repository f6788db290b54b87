using System.Globalization;

namespace Cluster.Shell.Tests;

// The interactive shell as a person uses it: the real process in a real terminal (tmux), keys sent, the screen read.
public sealed class TerminalTests : IAsyncLifetime, IDisposable
{
    private readonly string _history = Path.Combine(Directory.CreateTempSubdirectory("shell-tty-").FullName, "history");
    private CannedServer _server = null!;

    private string Port => _server.Port.ToString(CultureInfo.InvariantCulture);

    private string Prompt => $"[127.0.0.1:{Port}] > ";

    public async Task InitializeAsync()
    {
        _server = await CannedServer.StartAsync();
        _server.On("GET /api/hosts", 200, $"[{Json.Host}]")
            .On("GET /api/vms", 200, $"[{Json.Vm},{Json.StoppedVm}]")
            .On("GET /api/vms/vm-2", 200, Json.StoppedVm)
            .On("GET /api/cluster/leader", 200, Json.Leader)
            .On("GET /api/events?after=0&max=100", 200, $"[{Json.Event(1)},{Json.Event(2)}]")
            .On("GET /api/events?after=2&max=100", 200, "[]")
            .On("GET /api/cluster", 200, Json.Cluster)
            .On("GET /api/events?after=0&max=1000", 200, $"[{Json.Event(1)},{Json.Event(2)}]")
            .On("GET /api/events?after=2&max=1000", 200, "[]");
    }

    [Fact]
    public async Task Ctrl_C_at_the_prompt_clears_the_line_and_Ctrl_D_leaves()
    {
        using var tty = Start();
        await tty.WaitForTextAsync(Prompt);

        tty.Type("vm lis");
        await tty.WaitForTextAsync(Prompt + "vm lis");
        tty.Keys("C-c");
        await tty.WaitForAsync("a fresh prompt after ^C", s => TerminalSession.LastLine(s) == Prompt.TrimEnd() && s.Contains("^C", StringComparison.Ordinal));
        tty.Type("host list");
        tty.Keys("Enter");
        await tty.WaitForTextAsync("10.0.0.1:9120");
        tty.Keys("C-d");

        var screen = await tty.WaitForTextAsync("[exited ");
        Assert.Contains("[exited 0]", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/vms", _server.Seen.Select(s => s.PathAndQuery));
    }

    [Fact]
    public async Task Tab_completes_palettes_commands_options_and_ids_from_the_controller()
    {
        using var tty = Start();
        await tty.WaitForTextAsync(Prompt);

        await tty.TabAsync("cl", Prompt + "cluster ");
        await tty.TabAsync("lead", Prompt + "cluster leader ");
        tty.Keys("Enter");
        await tty.WaitForTextAsync("controller-a");

        await tty.TabAsync("vm sh", Prompt + "vm show ");
        await tty.TabAsync(string.Empty, Prompt + "vm show vm-");
        await tty.TabAsync(string.Empty, "vm-1  vm-2");
        await tty.TabAsync("2", Prompt + "vm show vm-2 ");
        await tty.TabAsync("--", Prompt + "vm show vm-2 --help ");
        tty.Keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "Enter");
        await tty.WaitForTextAsync("db-1");
        Assert.Equal(1, _server.Seen.Count(s => s.PathAndQuery == "/api/vms"));
    }

    [Theory]
    [InlineData("events tail --follow --after 0", "#2 2025-01-02 03:04:05Z vrm/2")]
    [InlineData("cluster watch", "recent events")]
    public async Task Ctrl_C_stops_a_running_command_and_the_prompt_comes_back(string command, string running)
    {
        using var tty = Start();
        await tty.WaitForTextAsync(Prompt);

        tty.Type(command);
        tty.Keys("Enter");
        await tty.WaitForTextAsync(running);
        tty.Keys("C-c");
        await tty.WaitForAsync("the prompt after the command", s => TerminalSession.LastLine(s) == Prompt.TrimEnd());
        tty.Type("cluster leader");
        tty.Keys("Enter");

        var screen = await tty.WaitForTextAsync("controller-a");
        Assert.DoesNotContain("[exited", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_is_kept_across_sessions()
    {
        using (var first = Start())
        {
            await first.WaitForTextAsync(Prompt);
            first.Type("cluster leader");
            first.Keys("Enter");
            await first.WaitForTextAsync("controller-a");
            first.Keys("C-d");
            await first.WaitForTextAsync("[exited 0]");
        }

        using var second = Start();
        await second.WaitForTextAsync(Prompt);
        second.Keys("Up");
        await second.WaitForTextAsync(Prompt + "cluster leader");
        second.Keys("Enter");

        var screen = await second.WaitForTextAsync("controller-a");
        Assert.Equal(1, TerminalSession.Count(screen, "controller-a"));
    }

    [Fact]
    public async Task A_bad_host_typed_at_the_prompt_is_an_error_and_the_session_goes_on()
    {
        using var tty = Start();
        await tty.WaitForTextAsync(Prompt);

        tty.Type("--host 127.0.0.1:9110 --host :99999 vm list");
        tty.Keys("Enter");
        await tty.WaitForTextAsync("error: --host port must be a number between 1 and 65535, got '99999'");
        tty.Type("--host http://127.0.0.1:" + Port + " cluster leader");
        tty.Keys("Enter");

        var screen = await tty.WaitForTextAsync("controller-a");
        Assert.DoesNotContain("[exited", screen, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_history)!, recursive: true);

    private TerminalSession Start() => TerminalSession.Start(new Dictionary<string, string> { ["CLUSTER_SHELL_HISTORY"] = _history }, "--port", Port);
}
