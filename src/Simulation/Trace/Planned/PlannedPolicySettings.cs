using Cluster.Controller.Planning.Dpm;
using Cluster.Controller.Planning.Drs;

namespace Cluster.Simulation.Trace;

/// <summary>
/// How the trace replay drives the controller's DRS and DPM planners: the demand forecast they plan
/// on and their own settings. DRS's memory overcommit ratio follows CloudSim's model by default: its
/// PlanetLab VMs ask for no RAM once placed (their cloudlets use a null RAM model), so RAM never limits
/// consolidation there; <see cref="WithRamLimit"/> counts every VM at its full size, as a real host would.
/// </summary>
public sealed record PlannedPolicySettings
{
    public static PlannedPolicySettings Default { get; } = new();

    public DemandForecast Forecast { get; init; } = new(Window: 6, Deviations: 1.0);

    public DrsSettings Drs { get; init; } = new()
    {
        MigrationThreshold = 3,
        MemoryOvercommitRatio = 64,
        BalanceMemory = false,
        MigrationBandwidthMbPerSecond = 62.5,
        MaxConcurrentMigrationsPerHost = 2,
        MaxConcurrentMigrationsPerCluster = 16,
    };

    public DpmSettings Dpm { get; init; } = new()
    {
        TargetUtilisation = 0.85,
        Tolerance = 0.10,
        PowerOffWindow = TimeSpan.FromMinutes(10),
        PowerOnWindow = TimeSpan.FromMinutes(5),
        MinHostsOn = 2,
        MaxPowerOffsPerPass = 200,
    };

    /// <summary>The same settings with host RAM a hard limit (overcommit ratio 1).</summary>
    public PlannedPolicySettings WithRamLimit() => this with { Drs = Drs with { MemoryOvercommitRatio = 1 } };
}
