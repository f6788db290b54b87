using Cluster.Simulation.Invariants;

namespace Cluster.Simulation.Dst;

/// <summary>How a randomized run is checked, and where a failing seed writes its scenario folder.</summary>
public sealed record DstOptions
{
    /// <summary>The environment variable naming the folder failing seeds write to (default: dst-failures in the temp folder).</summary>
    public const string FailuresVariable = "CLUSTER_DST_FAILURES";

    /// <summary>Where a failing seed writes its scenario folder; null: <see cref="FailuresVariable"/>, else the default.</summary>
    public string? FailureDirectory { get; init; }

    /// <summary>Makes the invariants for one run (a run gets fresh instances).</summary>
    public Func<IReadOnlyList<IInvariant>> Invariants { get; init; } = ClusterInvariants.Create;

    internal string ResolvedFailureDirectory =>
        FailureDirectory
        ?? (Environment.GetEnvironmentVariable(FailuresVariable) is { Length: > 0 } configured ? configured : Path.Combine(Path.GetTempPath(), "dst-failures"));
}
