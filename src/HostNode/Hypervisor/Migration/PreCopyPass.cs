namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// One pre-copy pass: it sends what the previous one left dirty (pass 1: all memory), then syncs the dirty bitmap.
/// The throttle is the one set at the sync before it, and holds for the whole pass.
/// </summary>
/// <param name="Number">1 for the pass that sends all memory.</param>
/// <param name="SentMib">What it sends.</param>
/// <param name="ThrottlePercent">The guest's CPU throttle during the pass.</param>
/// <param name="Transfer">Sending <paramref name="SentMib"/> at the bandwidth.</param>
/// <param name="Duration">The transfer and the bitmap sync that ends the pass.</param>
/// <param name="DirtiedMib">What the guest dirtied during the pass: what remains at its end.</param>
public sealed record PreCopyPass(int Number, double SentMib, int ThrottlePercent, TimeSpan Transfer, TimeSpan Duration, double DirtiedMib)
{
    internal static PreCopyPass Run(int number, double sizeMib, int throttlePercent, PreCopyParameters parameters)
    {
        var transfer = TimeSpan.FromSeconds(sizeMib / parameters.BandwidthMibPerSecond);
        var duration = transfer + parameters.SyncCost;
        var dirtied = Math.Min(parameters.MemoryMib, ThrottledDirtyRate(parameters, throttlePercent) * duration.TotalSeconds);
        return new PreCopyPass(number, sizeMib, throttlePercent, transfer, duration, dirtied);
    }

    /// <summary>A throttled guest gets (100 − throttle) % of its CPU, and dirties in proportion.</summary>
    internal static double ThrottledDirtyRate(PreCopyParameters parameters, int throttlePercent) =>
        parameters.DirtyRateMibPerSecond * (100 - throttlePercent) / 100;
}
