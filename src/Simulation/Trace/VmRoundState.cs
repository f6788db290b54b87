namespace Cluster.Simulation.Trace;

/// <summary>
/// A VM as of the current round. <paramref name="Host"/> is -1 once it has finished (CloudSim removes
/// a VM the first time its demand is exactly zero) or before initial placement.
/// <paramref name="RequestedMips"/> is its trace demand now.
/// </summary>
public readonly record struct VmRoundState(
    int Index,
    double Mips,
    int RamMb,
    int Host,
    double RequestedMips,
    bool InMigration)
{
    public bool IsActive => Host >= 0;
}
