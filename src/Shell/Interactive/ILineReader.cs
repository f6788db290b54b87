namespace Cluster.Shell.Interactive;

/// <summary>Where interactive lines come from: the console (with arrow-key history) or, in tests, a script.</summary>
public interface ILineReader
{
    /// <summary>Shows the prompt and reads one line; null at end of input (Ctrl+D, closed stdin).</summary>
    string? ReadLine(string prompt, LineHistory history);
}
