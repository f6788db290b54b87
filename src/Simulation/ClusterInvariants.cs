using Cluster.Messages;

namespace Cluster.Simulation;

/// <summary>Safety properties the scenarios and the randomized runs check on a simulated cluster.</summary>
public static class ClusterInvariants
{
    /// <summary>The split-brain invariant: every VM that runs on two hosts (up ones) at once, with where.</summary>
    public static IReadOnlyList<string> RunningTwice(SimulatedCluster cluster, Func<VmId, string>? name = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);

        // Nearly always nothing runs twice: the instances are listed and the report built only when something does.
        if (!cluster.AnyVmRunsTwice())
        {
            return [];
        }

        return [.. cluster.RunningInstances()
            .GroupBy(i => i.Vm)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key)
            .Select(g => $"{name?.Invoke(g.Key) ?? g.Key.Value} runs twice: {string.Join(", ", g.Select(i => $"{i.Host} #{i.Incarnation}"))}")];
    }
}
