namespace Cluster.Simulation.Trace;

/// <summary>
/// A VM consolidation policy driven by the trace evaluator. Host power follows from occupancy: a host
/// with nothing to run draws nothing. A policy may keep state between rounds (it is used for one run).
/// </summary>
public interface IConsolidationPolicy
{
    /// <summary>Shown in reports, e.g. "lr-mmt-1.2".</summary>
    string Name { get; }

    /// <summary>False charges every host its full power all the time (no power management at all).</summary>
    bool IsPowerAware { get; }

    /// <summary>
    /// Where each VM starts, at time 0 (every VM then asks for its full MIPS, as in CloudSim).
    /// Must name every VM once; a VM left out never runs.
    /// </summary>
    IReadOnlyList<Migration> PlaceInitially(IDataCenterView view);

    /// <summary>Migrations to start now; called every scheduling interval. Return an empty list to do nothing.</summary>
    IReadOnlyList<Migration> Consolidate(IDataCenterView view);
}
