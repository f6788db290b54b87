namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// How long a live migration takes under iterative pre-copy: round 0 copies all memory; each later
/// round copies what the guest dirtied during the previous one (memory × (dirty rate / bandwidth)^i);
/// when a round's volume falls to <see cref="DrsSettings.StopAndCopyMb"/> the VM is stunned and the
/// rest copied. A guest dirtying faster than the link never converges: it runs all
/// <see cref="DrsSettings.MaxPreCopyRounds"/> rounds, which is what makes it expensive.
/// </summary>
public static class MigrationCostModel
{
    public static double EstimateSeconds(double memoryMb, double dirtyRateMbPerSecond, DrsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bandwidth = settings.MigrationBandwidthMbPerSecond;
        var ratio = Math.Max(0, dirtyRateMbPerSecond) / bandwidth;
        var volume = Math.Max(0, memoryMb);
        var seconds = 0.0;
        for (var round = 0; round <= settings.MaxPreCopyRounds && volume > settings.StopAndCopyMb; round++)
        {
            seconds += volume / bandwidth;
            volume = Math.Min(memoryMb, volume * ratio); // never more than the whole memory per round
        }

        return seconds + (Math.Min(volume, memoryMb) / bandwidth);
    }
}
