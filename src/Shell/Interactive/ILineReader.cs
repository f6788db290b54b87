namespace Cluster.Shell.Interactive;

/// <summary>Where interactive lines come from: the console (with editing, history and Tab) or, in tests, a script.</summary>
public interface ILineReader
{
    /// <summary>
    /// A person types at a terminal: the shell shows its banner and prompt and keeps history. False for a
    /// pipe or a file, where the shell echoes nothing extra and reports failed lines by number.
    /// </summary>
    bool IsTerminal { get; }

    /// <summary>Shows the prompt and reads one line; null at end of input (Ctrl+D, closed stdin).</summary>
    string? ReadLine(string prompt, LineHistory history, Completer completer);
}
