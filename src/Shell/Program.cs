using Cluster.Shell.Interactive;
using Spectre.Console;

namespace Cluster.Shell;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // A pipe or file has no width: don't wrap table cells at the default 80 columns.
            console.Profile.Width = 1000;
        }

        var app = new ShellApp(new ShellEnvironment(console, Console.Error, Environment.GetEnvironmentVariable, new ConsoleLineReader())
        {
            LiveRedraw = !Console.IsOutputRedirected,
        });

        // Ctrl+C stops the running command (events tail --follow, cluster watch). One-shot, the shell then exits
        // normally; interactive, the prompt comes back, and a Ctrl+C between commands never ends the session.
        Console.CancelKeyPress += (_, e) => e.Cancel = app.HandleInterrupt();
        try
        {
            return await app.RunAsync(args).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug, not bad input (that is exit 2): one line instead of a stack trace and exit 134.
            await Console.Error.WriteLineAsync($"error: unexpected {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Refused;
        }
    }
}
