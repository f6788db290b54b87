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

        // Ctrl+C stops the running command (events tail --follow); the shell itself exits normally after it.
        Console.CancelKeyPress += (_, e) => e.Cancel = app.CancelCurrent();
        return await app.RunAsync(args).ConfigureAwait(false);
    }
}
