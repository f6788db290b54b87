namespace Cluster.Simulation.Invariants;

/// <summary>An invariant that did not hold: which one, when (e.g. "at 00:03:12.000"), and what was wrong.</summary>
public sealed record InvariantViolation(string Invariant, string When, string Description)
{
    public override string ToString() => $"{When} {Invariant}: {Description}";
}
