using Cluster.Shell.Interactive;
using Spectre.Console;

namespace Cluster.Shell.Tests;

/// <summary>What one run of the shell printed and returned.</summary>
internal sealed record ShellResult(int ExitCode, string Out, string Error);

/// <summary>Feeds interactive lines from a list and remembers each prompt it was shown.</summary>
internal sealed class ScriptedLineReader(params string[] lines) : ILineReader
{
    private readonly Queue<string> _lines = new(lines);

    public List<string> Prompts { get; } = [];

    public string? ReadLine(string prompt, LineHistory history)
    {
        Prompts.Add(prompt);
        return _lines.TryDequeue(out var line) ? line : null;
    }
}

/// <summary>Runs <see cref="ShellApp"/> against string writers: no console, no real environment variables.</summary>
internal sealed class ShellRunner
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public ShellRunner(Dictionary<string, string>? environment = null, ILineReader? lines = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        console.Profile.Width = 240;
        var env = new ShellEnvironment(console, _error, name => environment?.GetValueOrDefault(name), lines ?? new ScriptedLineReader())
        {
            FollowInterval = TimeSpan.FromMilliseconds(20),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        App = new ShellApp(env);
    }

    public ShellApp App { get; }

    public string Out => _out.ToString();

    public static Task<ShellResult> RunAsync(params string[] args) => new ShellRunner().RunArgsAsync(args);

    /// <summary>Runs against the canned server: --port is prepended.</summary>
    public static Task<ShellResult> RunAsync(CannedServer server, params string[] args) => new ShellRunner().RunArgsAsync(["--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]);

    public async Task<ShellResult> RunArgsAsync(params string[] args)
    {
        var code = await App.RunAsync(args);
        return new ShellResult(code, _out.ToString(), _error.ToString());
    }
}
