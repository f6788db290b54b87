namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// What one VM uses, as measured or predicted by the caller. The planners balance on this demand, not
/// on reservations. <paramref name="CpuDemandMhz"/> may be the last sample, a percentile or a forecast
/// of recent history: the planner does not care which, so the caller chooses how cautious to be.
/// </summary>
/// <param name="CpuDemandMhz">CPU the VM wants (MHz), before its QoS limit and reservation are applied.</param>
/// <param name="ActiveMemoryMb">Memory the guest actively touches (MB).</param>
/// <param name="MemoryDirtyRateMbPerSecond">How fast the guest dirties memory: what makes live migration slow.</param>
/// <param name="CpuDemandHistoryMhz">Recent CPU demand samples, oldest first; their spread tells how long a balance will last.</param>
public sealed record VmUsage(
    double CpuDemandMhz,
    double ActiveMemoryMb,
    double MemoryDirtyRateMbPerSecond = 0,
    IReadOnlyList<double>? CpuDemandHistoryMhz = null)
{
    /// <summary>
    /// How steady the VM's demand is, in (0, 1]: 1 / (1 + coefficient of variation of the history);
    /// 1 without history. A bursty VM's contribution to a balance is expected to last less long.
    /// </summary>
    public double Stability()
    {
        var history = CpuDemandHistoryMhz;
        if (history is null || history.Count < 2)
        {
            return 1;
        }

        double sum = 0, sumSquares = 0;
        foreach (var sample in history)
        {
            sum += sample;
            sumSquares += sample * sample;
        }

        var mean = sum / history.Count;
        if (mean <= 0)
        {
            return 1;
        }

        var variance = Math.Max(0, (sumSquares / history.Count) - (mean * mean));
        return 1 / (1 + (Math.Sqrt(variance) / mean));
    }
}
