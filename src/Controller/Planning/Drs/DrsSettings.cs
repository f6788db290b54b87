namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// Every DRS knob, as plain values. The three balancing figures follow <see cref="MigrationThreshold"/>
/// unless set explicitly (a trace study may sweep them independently of the 1–5 scale).
/// </summary>
public sealed record DrsSettings
{
    private readonly double? toleratedImbalance;
    private readonly double? minimumGain;
    private readonly double? minimumBenefitCostRatio;

    public static DrsSettings Default { get; } = new();

    public DrsAutomationLevel AutomationLevel { get; init; } = DrsAutomationLevel.FullyAutomated;

    /// <summary>1 (only mandatory moves) to 5 (most aggressive); default 3.</summary>
    public int MigrationThreshold { get; init; } = Drs.MigrationThreshold.Default;

    /// <summary>Balancing stops once the standard deviation of host load is at or below this.</summary>
    public double ToleratedImbalance
    {
        get => toleratedImbalance ?? Drs.MigrationThreshold.ToleratedImbalance(MigrationThreshold);
        init => toleratedImbalance = value;
    }

    /// <summary>The least gain (cluster imbalance reduction, host count × drop of the standard deviation) a balancing move must bring.</summary>
    public double MinimumGain
    {
        get => minimumGain ?? Drs.MigrationThreshold.MinimumGain(MigrationThreshold);
        init => minimumGain = value;
    }

    /// <summary>How many times a balancing move's benefit must exceed its cost.</summary>
    public double MinimumBenefitCostRatio
    {
        get => minimumBenefitCostRatio ?? Drs.MigrationThreshold.MinimumBenefitCostRatio(MigrationThreshold);
        init => minimumBenefitCostRatio = value;
    }

    /// <summary>
    /// A host whose load exceeds this is relieved (threshold 2 and up) even when the imbalance is
    /// tolerated: one hot host among many barely moves the standard deviation, but its VMs are the
    /// ones starved of CPU. Relief moves skip <see cref="MinimumGain"/> but still must pay their cost,
    /// and never push their target above this. Infinity turns relief off.
    /// </summary>
    public double OverloadedHostLoad { get; init; } = 1.0;

    /// <summary>Allocated VM memory (full size) may reach usable host memory × this; 1 = no overcommit. Reservations are never overcommitted.</summary>
    public double MemoryOvercommitRatio { get; init; } = 1.0;

    /// <summary>When true a host's load is the larger of its CPU and active-memory ratios; when false CPU only.</summary>
    public bool BalanceMemory { get; init; } = true;

    /// <summary>Migrations a host may take part in at once (as source or target), running ones included; vSphere allows 8 on 10 GbE.</summary>
    public int MaxConcurrentMigrationsPerHost { get; init; } = 8;

    /// <summary>Migrations the cluster may run at once, running ones included.</summary>
    public int MaxConcurrentMigrationsPerCluster { get; init; } = 32;

    /// <summary>Bandwidth one migration gets (MB/s); 1250 MB/s is 10 Gb/s.</summary>
    public double MigrationBandwidthMbPerSecond { get; init; } = 1250;

    /// <summary>Pre-copy stops when what is left to copy is at most this (the stun-time copy).</summary>
    public double StopAndCopyMb { get; init; } = 64;

    /// <summary>Pre-copy gives up converging after this many rounds and copies the rest while stunned.</summary>
    public int MaxPreCopyRounds { get; init; } = 30;

    /// <summary>How long a balance is expected to last for perfectly steady demand; scaled down by burstiness.</summary>
    public TimeSpan BenefitHorizon { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Load a migration is charged on top of the moving VM's own for every second it runs (copy traffic, stun).</summary>
    public double MigrationOverheadLoad { get; init; } = 0.05;

    /// <summary>How many of the least loaded hosts a balancing step tries as targets; bounds a pass's work.</summary>
    public int CandidateTargets { get; init; } = 8;

    /// <summary>How many of the most loaded hosts a balancing step tries as sources.</summary>
    public int CandidateSources { get; init; } = 4;
}
