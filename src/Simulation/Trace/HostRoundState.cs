namespace Cluster.Simulation.Trace;

/// <summary>
/// A host as the evaluator last computed it. <paramref name="UtilizationMips"/> is the CPU it
/// delivers (a VM migrating out counts at its full demand, one migrating in at its 10 % reservation);
/// <paramref name="RequestedMips"/> what its VMs ask for. A host is on while it delivers any CPU.
/// </summary>
public readonly record struct HostRoundState(
    int Index,
    HostType Type,
    double UtilizationMips,
    double RequestedMips,
    int VmCount)
{
    public bool IsOn => UtilizationMips > 0;

    /// <summary>Delivered CPU as a fraction of capacity; CloudSim rounds 1..1.01 down to 1.</summary>
    public double Utilization
    {
        get
        {
            var utilization = UtilizationMips / Type.TotalMips;
            return utilization is > 1 and < 1.01 ? 1 : utilization;
        }
    }
}
