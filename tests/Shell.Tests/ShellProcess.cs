using System.Diagnostics;

namespace Cluster.Shell.Tests;

/// <summary>Runs the built cluster-shell as a process with stdin, stdout and stderr as pipes (a script, not a person).</summary>
internal static class ShellProcess
{
    public static async Task<ShellResult> RunAsync(string input, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(TerminalSession.ShellDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["CLUSTER_SHELL_HISTORY"] = string.Empty;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new ShellResult(process.ExitCode, await output, await error);
    }
}
