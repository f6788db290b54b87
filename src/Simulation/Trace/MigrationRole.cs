namespace Cluster.Simulation.Trace;

/// <summary>How a VM stands on one host's CPU scheduler while a migration runs.</summary>
[Flags]
public enum MigrationRole : byte
{
    None = 0,

    /// <summary>Leaving this host: it gets 90 % of its share (the 10 % migration penalty).</summary>
    Out = 1,

    /// <summary>Arriving on this host: the host reserves 10 % of the VM's demand for it.</summary>
    In = 2,
}
