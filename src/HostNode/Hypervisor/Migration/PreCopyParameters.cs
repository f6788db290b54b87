namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// One live migration as the pre-copy model sees it. <paramref name="DirtyRateMibPerSecond"/> is page-granular, as QEMU's
/// <c>calc-dirty-rate</c> and <c>dirty-pages-rate</c> count it: a guest writing a few bytes into each of many pages
/// dirties whole 4 KiB pages, so it can be far above the guest's write throughput.
/// </summary>
/// <param name="MemoryMib">The guest's memory: pass 1 sends all of it, and no pass can dirty more.</param>
/// <param name="DirtyRateMibPerSecond">How fast the unthrottled guest dirties pages.</param>
public sealed record PreCopyParameters(long MemoryMib, double DirtyRateMibPerSecond) : IModelParameters
{
    /// <summary>
    /// The dirty rate assumed for a VM whose spec does not say: a modest server (about 4,000 pages a second). At
    /// 10 Gbit/s it converges after pass 1; it takes a rate about 4 % of the link (50 MiB/s) before an 8 GiB guest needs a
    /// second pass.
    /// </summary>
    public const double DefaultDirtyRateMibPerSecond = 16;

    /// <summary>The migration network, 10 Gbit/s by default.</summary>
    public double LinkMibPerSecond { get; init; } = MigrationUnits.GigabitsToMibPerSecond(10);

    /// <summary>
    /// QEMU's <c>max-bandwidth</c>; null leaves the link as the only limit. QEMU's own default is 128 MiB/s, a ninth of a
    /// 10 Gbit/s link, so a QEMU backend must set it rather than inherit it.
    /// </summary>
    public double? MaxBandwidthMibPerSecond { get; init; }

    /// <summary>QEMU's <c>downtime-limit</c>: switch over once the remainder can be sent within it.</summary>
    public TimeSpan DowntimeLimit { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// On by default (QEMU's default is off): a throttled guest that moves is better than a migration that never ends
    /// and has to be cancelled.
    /// </summary>
    public AutoConverge AutoConverge { get; init; } = AutoConverge.On;

    /// <summary>Connecting to the destination and the first dirty-bitmap sync, before pass 1 sends anything. An assumption, not measured.</summary>
    public TimeSpan SetupTime { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The dirty-bitmap sync that ends every pass; the guest keeps dirtying meanwhile. An assumption, not measured.</summary>
    public TimeSpan SyncCost { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// What the blackout costs beyond sending the remainder: device state, the last bitmap sync, resuming on the
    /// destination. 10 ms sits inside the 3–24 ms QEMU reported for an idle guest, where the remainder is almost nothing.
    /// </summary>
    public TimeSpan SwitchoverCost { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>QEMU iterates for ever; the model declares non-convergence after this many passes.</summary>
    public int MaxPasses { get; init; } = 100;

    /// <summary>Passes in a row that do not shrink the remainder, with no throttle left to raise, before the model gives up.</summary>
    public int StalledPassesToGiveUp { get; init; } = 3;

    /// <summary>What the copy runs at: the link, or the cap if lower.</summary>
    public double BandwidthMibPerSecond => Math.Min(LinkMibPerSecond, MaxBandwidthMibPerSecond ?? double.PositiveInfinity);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MemoryMib <= 0)
        {
            problems.Add("memory must be positive");
        }

        if (!double.IsFinite(DirtyRateMibPerSecond) || DirtyRateMibPerSecond < 0)
        {
            problems.Add("the dirty rate must be zero or more");
        }

        if (!double.IsFinite(BandwidthMibPerSecond) || BandwidthMibPerSecond <= 0)
        {
            problems.Add("the link and the bandwidth cap must be positive");
        }

        if (DowntimeLimit <= TimeSpan.Zero)
        {
            problems.Add("the downtime limit must be positive");
        }

        if (SetupTime < TimeSpan.Zero || SyncCost < TimeSpan.Zero || SwitchoverCost < TimeSpan.Zero)
        {
            problems.Add("setup, sync and switch-over costs cannot be negative");
        }

        if (MaxPasses < 1 || StalledPassesToGiveUp < 1)
        {
            problems.Add("the pass limits must be at least 1");
        }

        problems.AddRange(AutoConverge.Problems());
        return problems;
    }
}
