namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// QEMU's rule for raising the auto-converge throttle. At a bitmap sync at least a second after the current period
/// began, the period closes: if the guest dirtied more than the trigger threshold (50 %) of what was sent in it, it
/// counts as a high period, and every second high period (not necessarily in a row) raises the throttle. Syncs less
/// than a second apart fall into one period, so short passes raise the throttle more slowly per pass.
/// </summary>
internal sealed record ThrottleTrigger(TimeSpan PeriodStart, double DirtiedMib, double SentMib, int HighPeriods)
{
    private static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(1);
    private const int HighPeriodsPerRaise = 2;

    public static ThrottleTrigger StartingAt(TimeSpan firstSync) => new(firstSync, 0, 0, 0);

    /// <summary>The trigger after the sync at <paramref name="now"/> that ends <paramref name="pass"/>, and whether it raises the throttle.</summary>
    public (ThrottleTrigger Trigger, bool Raise) AfterSync(TimeSpan now, PreCopyPass pass, int thresholdPercent)
    {
        var dirtied = DirtiedMib + pass.DirtiedMib;
        var sent = SentMib + pass.SentMib;
        if (now - PeriodStart <= MinimumPeriod)
        {
            return (this with { DirtiedMib = dirtied, SentMib = sent }, false);
        }

        var highPeriods = dirtied > sent * thresholdPercent / 100 ? HighPeriods + 1 : HighPeriods;
        var raise = highPeriods >= HighPeriodsPerRaise;
        return (new ThrottleTrigger(now, 0, 0, raise ? 0 : highPeriods), raise);
    }
}
