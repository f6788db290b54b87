using Cluster.Shell.Interactive;
using Spectre.Console;

namespace Cluster.Shell;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var app = new ShellApp(new ShellEnvironment(AnsiConsole.Console, Console.Error, Environment.GetEnvironmentVariable, new ConsoleLineReader()));

        // Ctrl+C stops the running command (events tail --follow); the shell itself exits normally after it.
        Console.CancelKeyPress += (_, e) => e.Cancel = app.CancelCurrent();
        return await app.RunAsync(args).ConfigureAwait(false);
    }
}
