using Cluster.Shell.Commands;
using Cluster.Shell.Http;
using Cluster.Shell.Interactive;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell;

/// <summary>
/// The shell without a console: parses a command line, runs one command (one-shot) or a prompt loop
/// (interactive), and returns an exit code. It never throws for bad input; every problem becomes a
/// message on the error writer and an exit code.
/// </summary>
public sealed class ShellApp
{
    private readonly ShellEnvironment _env;
    private readonly PrefixedWriter _error;
    private readonly LineHistory _history = new();
    private CancellationTokenSource? _current;

    public ShellApp(ShellEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        _env = env;
        _error = new PrefixedWriter(_env.Error);
    }

    /// <summary>A person is at the prompt (a terminal): Ctrl+C must never end the process then, only the running command.</summary>
    public bool IsInteractive { get; private set; }

    private bool _readingScript;

    /// <summary>
    /// What Ctrl+C (SIGINT) does; true keeps the process. At the prompt or one-shot it stops the running
    /// command; at an idle prompt it is kept (the line editor clears the line). Lines read from a pipe are a
    /// script, and Ctrl+C ends a script as it ends a bash script.
    /// </summary>
    public bool HandleInterrupt() => !_readingScript && (CancelCurrent() || IsInteractive);

    /// <summary>Stops the running command (Ctrl+C). False when none was running.</summary>
    public bool CancelCurrent()
    {
        var current = Volatile.Read(ref _current);
        if (current is null)
        {
            return false;
        }

        current.Cancel();
        return true;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = new ShellOutput(_env.Console, _error, OutputFormat.Table);
        if (args is ["--help" or "-h"])
        {
            HelpWriter.Overview(output, _env.Catalog);
            return ExitCodes.Ok;
        }

        ShellSettings settings;
        IReadOnlyList<string> rest;
        try
        {
            (settings, rest) = new ShellSettings().ParseGlobal(args);
        }
        catch (UsageException ex)
        {
            return ReportUsage(ex);
        }

        return rest.Count == 0
            ? await InteractiveAsync(settings).ConfigureAwait(false)
            : await ExecuteAsync(settings, rest).ConfigureAwait(false);
    }

    /// <summary>
    /// At a terminal: banner, prompt, history kept in the history file, Tab completion; exit code 0.
    /// From a pipe or file: nothing but the commands' own output, each failed line's errors prefixed with
    /// its line number, and the first failed line's exit code as the shell's.
    /// </summary>
    private async Task<int> InteractiveAsync(ShellSettings settings)
    {
        var terminal = _env.LineReader.IsTerminal;
        IsInteractive = terminal;
        _readingScript = !terminal;
        var output = new ShellOutput(_env.Console, _error, settings.Output);
        var historyFile = terminal ? HistoryFile.Open(_env.GetEnvironmentVariable, _env.Error) : null;
        historyFile?.LoadInto(_history);
        using var ids = new LazyClient(() => NewClient(settings));
        var completer = new Completer(_env.Catalog, new IdCatalog(ids.Get, _env.Time).IdsOf);
        if (terminal)
        {
            output.WriteRaw($"cluster-shell: commands go to {settings.Endpoint}; 'help' lists them, Tab completes, 'exit' or Ctrl+D leaves.");
        }

        int? firstFailure = null;
        var number = 0;
        while (_env.LineReader.ReadLine(terminal ? $"[{settings.Endpoint}] > " : string.Empty, _history, completer) is { } line)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || (!terminal && trimmed.StartsWith('#')))
            {
                continue;
            }

            if (_history.Add(trimmed))
            {
                historyFile?.Append(trimmed);
            }

            if (trimmed is "exit" or "quit")
            {
                break;
            }

            _error.Prefix = terminal ? string.Empty : $"line {number}: ";
            var code = trimmed == "history" ? PrintHistory(output) : await RunLineSafelyAsync(settings, trimmed).ConfigureAwait(false);
            _error.Prefix = string.Empty;
            if (code != ExitCodes.Ok)
            {
                firstFailure ??= code;
            }
        }

        return terminal ? ExitCodes.Ok : firstFailure ?? ExitCodes.Ok;
    }

    private int PrintHistory(ShellOutput output)
    {
        for (var i = 0; i < _history.Lines.Count; i++)
        {
            output.WriteRaw($"{i + 1,4}  {_history.Lines[i]}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>A bug in one command must not end a session a person is working in: it is reported and the prompt comes back.</summary>
    private async Task<int> RunLineSafelyAsync(ShellSettings settings, string line)
    {
        try
        {
            return await RunLineAsync(settings, line).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _error.WriteLine($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Refused;
        }
    }

    /// <summary>One interactive line: global options at its front apply to this line only.</summary>
    private async Task<int> RunLineAsync(ShellSettings settings, string line)
    {
        try
        {
            var (lineSettings, rest) = settings.ParseGlobal(Tokenizer.Split(line));
            return rest.Count == 0 ? ReportUsage(new UsageException("missing palette")) : await ExecuteAsync(lineSettings, rest).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            return ReportUsage(ex);
        }
    }

    private async Task<int> ExecuteAsync(ShellSettings settings, IReadOnlyList<string> tokens)
    {
        var output = new ShellOutput(_env.Console, _error, settings.Output);
        if (tokens[0] == "help")
        {
            return Help(output, tokens);
        }

        using var cancellation = new CancellationTokenSource();
        Volatile.Write(ref _current, cancellation);
        try
        {
            var (command, args) = CommandParser.Parse(_env.Catalog, tokens);
            if (args is null)
            {
                HelpWriter.Command(output, command);
                return ExitCodes.Ok;
            }

            using var client = NewClient(settings);
            var context = new CommandContext(settings, client, output, _env.Time, _env.FollowInterval, cancellation.Token) { LiveRedraw = _env.LiveRedraw };
            return await command.Run(context, args).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            return ReportUsage(ex);
        }
        catch (CannotConnectException ex)
        {
            _error.WriteLine($"error: {ex.Message}");
            return ExitCodes.CannotConnect;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            _error.WriteLine("cancelled");
            return ExitCodes.Ok;
        }
        finally
        {
            Volatile.Write(ref _current, null);
        }
    }

    private AdminClient NewClient(ShellSettings settings) =>
        new(settings.BaseAddress, settings.Endpoint, TokenSource.Resolve(settings, _env), _env.RequestTimeout);

    private int Help(ShellOutput output, IReadOnlyList<string> tokens)
    {
        switch (tokens.Count)
        {
            case 1:
                HelpWriter.Overview(output, _env.Catalog);
                return ExitCodes.Ok;
            case 2 when HelpWriter.Palette(output, _env.Catalog, tokens[1]):
                return ExitCodes.Ok;
            case 2:
                return ReportUsage(new UsageException($"help: unknown palette '{tokens[1]}'", $"palettes: {string.Join(", ", _env.Catalog.Palettes)}"));
            default:
                return ReportUsage(new UsageException($"help: unexpected argument '{tokens[2]}'", "usage: help [palette]"));
        }
    }

    private int ReportUsage(UsageException ex)
    {
        _error.WriteLine($"error: {ex.Message}");
        if (ex.Help is not null)
        {
            _error.WriteLine(ex.Help);
        }

        return ExitCodes.Usage;
    }
}
