using Cluster.Shell.Interactive;
using Spectre.Console;

namespace Cluster.Shell.Tests;

/// <summary>What one run of the shell printed and returned.</summary>
internal sealed record ShellResult(int ExitCode, string Out, string Error);

/// <summary>Feeds interactive lines from a list and remembers each prompt it was shown; a terminal unless told it is a pipe.</summary>
internal sealed class ScriptedLineReader(params string[] lines) : ILineReader
{
    private readonly Queue<string> _lines = new(lines);

    public List<string> Prompts { get; } = [];

    public bool IsTerminal { get; init; } = true;

    /// <summary>Runs at each prompt: what a key pressed there would do.</summary>
    public Action? AtPrompt { get; set; }

    public string? ReadLine(string prompt, LineHistory history, Completer completer)
    {
        Prompts.Add(prompt);
        AtPrompt?.Invoke();
        return _lines.TryDequeue(out var line) ? line : null;
    }
}

/// <summary>A string writer that a test may read while the shell writes to it from another thread.</summary>
internal sealed class SyncStringWriter : StringWriter
{
    private readonly Lock _lock = new();

    public override void Write(char value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            base.Write(buffer, index, count);
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return base.ToString();
        }
    }
}

/// <summary>Runs <see cref="ShellApp"/> against string writers: no console, no real environment variables.</summary>
internal sealed class ShellRunner
{
    private readonly SyncStringWriter _out = new();
    private readonly SyncStringWriter _error = new();

    /// <param name="environment">The environment variables the shell sees; none when null.</param>
    /// <param name="lines">Interactive input; none when null.</param>
    /// <param name="width">The console's width; wide by default, so a test sees whole rows unless it asks for a terminal's 80 columns.</param>
    public ShellRunner(Dictionary<string, string>? environment = null, ILineReader? lines = null, int width = 240)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        console.Profile.Width = width;
        var env = new ShellEnvironment(console, _error, name => environment?.GetValueOrDefault(name), lines ?? new ScriptedLineReader())
        {
            FollowInterval = TimeSpan.FromMilliseconds(20),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        App = new ShellApp(env);
    }

    public ShellApp App { get; }

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    public static Task<ShellResult> RunAsync(params string[] args) => new ShellRunner().RunArgsAsync(args);

    /// <summary>Runs against the canned server: --port is prepended.</summary>
    public static Task<ShellResult> RunAsync(CannedServer server, params string[] args) => new ShellRunner().RunArgsAsync(["--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]);

    public async Task<ShellResult> RunArgsAsync(params string[] args)
    {
        var code = await App.RunAsync(args);
        return new ShellResult(code, _out.ToString(), _error.ToString());
    }
}
