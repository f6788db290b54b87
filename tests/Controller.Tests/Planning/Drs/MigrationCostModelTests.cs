using Cluster.Controller.Planning.Drs;

namespace Cluster.Controller.Tests.Planning.Drs;

public sealed class MigrationCostModelTests
{
    private static readonly DrsSettings Settings = DrsSettings.Default with { MigrationBandwidthMbPerSecond = 1000, StopAndCopyMb = 10, MaxPreCopyRounds = 30 };

    [Fact]
    public void An_idle_vm_copies_its_memory_once()
    {
        Assert.Equal(8.0, MigrationCostModel.EstimateSeconds(8000, 0, Settings), 6);
    }

    [Fact]
    public void Pre_copy_rounds_follow_the_dirty_rate_geometrically()
    {
        // 8000 MB, then 4000, 2000, ... until a round is at most 10 MB: 8000 * (1 + 1/2 + ... + 1/2^9) / 1000, plus the last 7.8 MB.
        var expected = (8000 * (2 - Math.Pow(0.5, 9)) / 1000) + (8000 / Math.Pow(2, 10) / 1000);

        Assert.Equal(expected, MigrationCostModel.EstimateSeconds(8000, 500, Settings), 6);
    }

    [Fact]
    public void A_vm_dirtying_faster_than_the_link_runs_every_round_and_costs_the_most()
    {
        var converging = MigrationCostModel.EstimateSeconds(8000, 900, Settings);
        var diverging = MigrationCostModel.EstimateSeconds(8000, 2000, Settings);

        Assert.Equal(8.0 * 32, diverging, 6); // 31 full rounds, then the whole memory again while stunned
        Assert.True(diverging > converging && converging > MigrationCostModel.EstimateSeconds(8000, 0, Settings));
    }
}
