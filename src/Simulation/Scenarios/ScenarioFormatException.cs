namespace Cluster.Simulation.Scenarios;

/// <summary>Bad scenario input: names the file, the line (1-based) and what is wrong there.</summary>
public sealed class ScenarioFormatException(string file, int line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Reason { get; } = reason;
}
