namespace Cluster.Simulation.Trace;

/// <summary>
/// What an overload detector judges a host by: its capacity, what its VMs ask for now, its
/// utilisation history (most recent first, trailing zeros trimmed, as CloudSim builds it from its
/// VMs' histories) and the longest migration off it.
/// </summary>
public readonly ref struct HostLoad(
    double totalMips,
    double requestedMips,
    ReadOnlySpan<double> history,
    double longestMigrationSeconds,
    double schedulingIntervalSeconds)
{
    public double TotalMips { get; } = totalMips;

    public double RequestedMips { get; } = requestedMips;

    public ReadOnlySpan<double> History { get; } = history;

    public double LongestMigrationSeconds { get; } = longestMigrationSeconds;

    public double SchedulingIntervalSeconds { get; } = schedulingIntervalSeconds;

    public double RequestedUtilization => RequestedMips / TotalMips;
}
