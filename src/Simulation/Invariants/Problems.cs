namespace Cluster.Simulation.Invariants;

/// <summary>How an invariant that finds several problems at once reports them.</summary>
public static class Problems
{
    /// <summary>The problems in one line, or null when there are none (the invariant holds).</summary>
    public static string? Describe(IEnumerable<string> problems)
    {
        var text = string.Join("; ", problems);
        return text.Length == 0 ? null : text;
    }
}
