using System.Diagnostics;
using System.Globalization;

namespace Cluster.Shell.Tests;

/// <summary>
/// The real cluster-shell process in a real terminal: a detached tmux session (its own server socket, so
/// parallel tests and the developer's tmux never meet), driven with send-keys and read with capture-pane.
/// Waits are for screen content with a time limit, never fixed sleeps. scripts/test.sh installs tmux.
/// </summary>
internal sealed class TerminalSession : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _socket = "cluster-shell-test-" + Guid.NewGuid().ToString("N")[..12];

    private TerminalSession()
    {
    }

    /// <summary>Starts the shell with <paramref name="args"/> and <paramref name="environment"/>; when it exits the pane shows "[exited N]".</summary>
    public static TerminalSession Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var session = new TerminalSession();
        var exports = string.Join(' ', environment.Select(kv => $"{kv.Key}={Quote(kv.Value)}"));
        var command = $"env {exports} dotnet {Quote(ShellDll)} {string.Join(' ', args.Select(Quote))}; echo \"[exited $?]\"; exec sleep 3600";
        session.Tmux("new-session", "-d", "-s", "t", "-x", "200", "-y", "50", command);
        return session;
    }

    /// <summary>The shell under test: CLUSTER_SHELL_DLL (to try another build), else src/Shell's build of this configuration.</summary>
    public static string ShellDll
    {
        get
        {
            if (Environment.GetEnvironmentVariable("CLUSTER_SHELL_DLL") is { Length: > 0 } explicitPath)
            {
                return explicitPath;
            }

            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cluster.sln")))
            {
                root = root.Parent;
            }

            return Path.Combine(root!.FullName, "src", "Shell", "bin", here.Parent!.Name, here.Name, "cluster-shell.dll");
        }
    }

    /// <summary>Keys as tmux names them: literal text, or "Enter", "Tab", "C-c", "C-d", "Up".</summary>
    public void Keys(params string[] keys) => Tmux(["send-keys", "-t", "t", .. keys]);

    /// <summary>Types text literally (no key-name lookup).</summary>
    public void Type(string text) => Tmux("send-keys", "-t", "t", "-l", "--", text);

    /// <summary>Types <paramref name="text"/>, presses Tab, and waits for <paramref name="expected"/> on the screen.</summary>
    public async Task TabAsync(string text, string expected)
    {
        if (text.Length > 0)
        {
            Type(text);
        }

        Keys("Tab");
        await WaitForTextAsync(expected);
    }

    public string Screen() => Tmux("capture-pane", "-N", "-p", "-t", "t");

    /// <summary>Polls the screen until <paramref name="condition"/> holds; fails with the screen after 30 s.</summary>
    public async Task<string> WaitForAsync(string what, Func<string, bool> condition)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var started = Stopwatch.GetTimestamp();
        string screen;
        while (!condition(screen = Screen()))
        {
            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                throw new TimeoutException($"{what}: not on the screen within {Patience.TotalSeconds} s. Screen:\n{screen}");
            }

            await timer.WaitForNextTickAsync();
        }

        return screen;
    }

    public Task<string> WaitForTextAsync(string text) => WaitForAsync($"'{text}'", s => s.Contains(text, StringComparison.Ordinal));

    /// <summary>The last non-empty line on the screen (where the cursor's line usually is).</summary>
    public static string LastLine(string screen) => screen.Split('\n').Select(l => l.TrimEnd()).LastOrDefault(l => l.Length > 0) ?? string.Empty;

    public static int Count(string screen, string text) =>
        (screen.Length - screen.Replace(text, string.Empty, StringComparison.Ordinal).Length) / text.Length;

    public void Dispose()
    {
        try
        {
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private string Tmux(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(_socket);
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add("/dev/null");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("tmux is not installed; scripts/test.sh installs it (apt-get install tmux)", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? output
                : throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {error}");
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
