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
public sealed class ShellApp(ShellEnvironment env)
{
    private readonly LineHistory _history = new();
    private CancellationTokenSource? _current;

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
        var output = new ShellOutput(env.Console, env.Error, OutputFormat.Table);
        if (args is ["--help" or "-h"])
        {
            HelpWriter.Overview(output, env.Catalog);
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

    private async Task<int> InteractiveAsync(ShellSettings settings)
    {
        var output = new ShellOutput(env.Console, env.Error, settings.Output);
        output.WriteRaw($"cluster-shell: commands go to {settings.Endpoint}; 'help' lists them, 'exit' leaves.");
        while (env.LineReader.ReadLine($"[{settings.Endpoint}] > ", _history) is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            _history.Add(trimmed);
            switch (trimmed)
            {
                case "exit" or "quit":
                    return ExitCodes.Ok;
                case "history":
                    for (var i = 0; i < _history.Lines.Count; i++)
                    {
                        output.WriteRaw($"{i + 1,4}  {_history.Lines[i]}");
                    }

                    continue;
            }

            await RunLineAsync(settings, trimmed).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
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
        var output = new ShellOutput(env.Console, env.Error, settings.Output);
        if (tokens[0] == "help")
        {
            return Help(output, tokens);
        }

        using var cancellation = new CancellationTokenSource();
        Volatile.Write(ref _current, cancellation);
        try
        {
            var (command, args) = CommandParser.Parse(env.Catalog, tokens);
            if (args is null)
            {
                HelpWriter.Command(output, command);
                return ExitCodes.Ok;
            }

            using var client = new AdminClient(settings.Endpoint, TokenSource.Resolve(settings, env), env.RequestTimeout);
            var context = new CommandContext(settings, client, output, env.Time, env.FollowInterval, cancellation.Token) { LiveRedraw = env.LiveRedraw };
            return await command.Run(context, args).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            return ReportUsage(ex);
        }
        catch (CannotConnectException ex)
        {
            env.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.CannotConnect;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            env.Error.WriteLine("cancelled");
            return ExitCodes.Ok;
        }
        finally
        {
            Volatile.Write(ref _current, null);
        }
    }

    private int Help(ShellOutput output, IReadOnlyList<string> tokens)
    {
        switch (tokens.Count)
        {
            case 1:
                HelpWriter.Overview(output, env.Catalog);
                return ExitCodes.Ok;
            case 2 when HelpWriter.Palette(output, env.Catalog, tokens[1]):
                return ExitCodes.Ok;
            case 2:
                return ReportUsage(new UsageException($"help: unknown palette '{tokens[1]}'", $"palettes: {string.Join(", ", env.Catalog.Palettes)}"));
            default:
                return ReportUsage(new UsageException($"help: unexpected argument '{tokens[2]}'", "usage: help [palette]"));
        }
    }

    private int ReportUsage(UsageException ex)
    {
        env.Error.WriteLine($"error: {ex.Message}");
        if (ex.Help is not null)
        {
            env.Error.WriteLine(ex.Help);
        }

        return ExitCodes.Usage;
    }
}
