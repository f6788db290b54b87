using System.Diagnostics;
using System.Globalization;

namespace Cluster.Integration.Tests.DocExamples;

/// <summary>
/// Runs a documented command as the real cluster-shell process against the doc cluster's admin port, and
/// renders what it printed as the docs show it: stdout, stderr, then <c>[exit N]</c> when N is not 0.
/// </summary>
public sealed class DocShell(ClusterPorts ports, Placeholders placeholders)
{
    public async Task<IReadOnlyList<string>> RunAsync(DocCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Binaries.Shell);
        if (ports.Offset != 0)
        {
            // The documented default 127.0.0.1:9110 is this run's admin port; a line's own --port or address still wins.
            info.ArgumentList.Add("--port");
            info.ArgumentList.Add(ports.Admin.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var arg in command.Args)
        {
            info.ArgumentList.Add(placeholders.ToRun(arg));
        }

        // Nothing of the developer's shell set-up (a token, a history file) may change what the docs show.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("CLUSTER_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["CLUSTER_SHELL_HISTORY"] = string.Empty;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(command.Input ?? string.Empty);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var lines = Lines(await output).Concat(Lines(await error)).Select(placeholders.Apply).ToList();
        if (process.ExitCode != 0)
        {
            lines.Add($"[exit {process.ExitCode.ToString(CultureInfo.InvariantCulture)}]");
        }

        return lines;
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Where((_, i) => i > 0 || text.Trim().Length > 0).Select(l => l.TrimEnd());
}
