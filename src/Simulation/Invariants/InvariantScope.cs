namespace Cluster.Simulation.Invariants;

/// <summary>When an invariant is checked.</summary>
public enum InvariantScope
{
    /// <summary>After every simulated step, and once more after a run's last command (then <see cref="InvariantContext.AtEnd"/> is true).</summary>
    EveryStep,

    /// <summary>
    /// Where the commands say the cluster should have settled (<c>expect-settled</c>: after healing every fault and
    /// some quiet minutes): properties the cluster only reaches again once nothing is broken.
    /// </summary>
    WhenSettled,
}
