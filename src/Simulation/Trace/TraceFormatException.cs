namespace Cluster.Simulation.Trace;

/// <summary>A trace file that does not follow the PlanetLab format; the message names file:line and the reason.</summary>
public sealed class TraceFormatException(string source, int line, string reason)
    : Exception($"{source}:{line}: {reason}")
{
    public string File { get; } = source;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
