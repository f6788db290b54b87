namespace Cluster.Shell.Interactive;

/// <summary>
/// Keeps the interactive history across sessions in one file: CLUSTER_SHELL_HISTORY if set (empty
/// disables it), else $XDG_STATE_HOME/cluster-shell/history, else ~/.local/state/cluster-shell/history.
/// Lines are appended as they are typed, so two sessions at once both keep theirs; the file is cut back
/// to the history limit when a session starts. History is a convenience: a file that cannot be read or
/// written is reported once and the session goes on without it.
/// </summary>
public sealed class HistoryFile
{
    public const string PathVariable = "CLUSTER_SHELL_HISTORY";

    private readonly string? _path;
    private readonly TextWriter _error;
    private bool _failed;

    private HistoryFile(string? path, TextWriter error)
    {
        _path = path;
        _error = error;
    }

    public string? Path => _path;

    public static HistoryFile Open(Func<string, string?> environment, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new HistoryFile(Locate(environment), error);
    }

    /// <summary>The saved lines (the newest <paramref name="history"/>.Limit) loaded into <paramref name="history"/>.</summary>
    public void LoadInto(LineHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (_path is null || !File.Exists(_path))
        {
            return;
        }

        Try(() =>
        {
            var lines = File.ReadAllLines(_path);
            foreach (var line in lines.Skip(Math.Max(0, lines.Length - history.Limit)))
            {
                history.Add(line);
            }

            if (lines.Length > history.Limit)
            {
                File.WriteAllLines(_path, history.Lines);
            }
        });
    }

    public void Append(string line)
    {
        if (_path is null || line.Contains('\n', StringComparison.Ordinal))
        {
            return;
        }

        Try(() =>
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
            File.AppendAllLines(_path, [line]);
        });
    }

    private static string? Locate(Func<string, string?> environment)
    {
        if (environment(PathVariable) is { } explicitPath)
        {
            return explicitPath.Length == 0 ? null : System.IO.Path.GetFullPath(explicitPath);
        }

        var state = environment("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : environment("HOME") is { Length: > 0 } home ? System.IO.Path.Combine(home, ".local", "state") : null;
        return state is null ? null : System.IO.Path.Combine(state, "cluster-shell", "history");
    }

    private void Try(Action action)
    {
        if (_failed)
        {
            return;
        }

        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _failed = true;
            _error.WriteLine($"warning: history file {_path}: {ex.Message}; history is kept for this session only");
        }
    }
}
