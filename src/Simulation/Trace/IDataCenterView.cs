namespace Cluster.Simulation.Trace;

/// <summary>
/// What a consolidation policy sees each round: read-only, valid only during the call.
/// Hosts and VMs are numbered 0..Count-1; everything is in MIPS, MB and seconds.
/// </summary>
public interface IDataCenterView
{
    /// <summary>Simulated seconds since the start of the trace.</summary>
    double Time { get; }

    double SchedulingIntervalSeconds { get; }

    int HostCount { get; }

    int VmCount { get; }

    HostRoundState Host(int host);

    VmRoundState Vm(int vm);

    /// <summary>The VMs on a host (including ones migrating in), in the order they arrived.</summary>
    ReadOnlySpan<int> VmsOn(int host);

    /// <summary>The VM's CPU utilisation (fraction of its MIPS) sampled each round, most recent first, at most 30.</summary>
    ReadOnlySpan<double> UtilizationHistory(int vm);

    /// <summary>Seconds a live migration of the VM takes.</summary>
    double MigrationSeconds(int vm);
}
