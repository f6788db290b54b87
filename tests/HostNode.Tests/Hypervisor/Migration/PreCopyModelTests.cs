using Cluster.HostNode.Hypervisor.Migration;

namespace Cluster.HostNode.Tests.Hypervisor.Migration;

/// <summary>The pre-copy rules: passes, switch-over, QEMU's auto-converge trigger, and when the model gives up.</summary>
public sealed class PreCopyModelTests
{
    private const long EightGib = 8192;
    private static readonly double TenGbit = MigrationUnits.GigabitsToMibPerSecond(10);

    [Fact]
    public void An_idle_guest_moves_in_one_pass_with_only_the_switchover_cost_as_downtime()
    {
        var result = PreCopyModel.Run(new PreCopyParameters(EightGib, 0));

        Assert.True(result.Converged);
        Assert.Single(result.Passes);
        Assert.Equal(TimeSpan.FromMilliseconds(10), result.Downtime);
        Assert.Equal(3, result.DirtySyncCount);
    }

    [Fact]
    public void A_guest_at_the_default_dirty_rate_moves_in_one_pass_with_downtime_under_the_limit()
    {
        var result = PreCopyModel.Run(new PreCopyParameters(EightGib, PreCopyParameters.DefaultDirtyRateMibPerSecond));

        Assert.True(result.Converged);
        Assert.Single(result.Passes);
        Assert.InRange(result.Downtime!.Value, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Each_pass_shrinks_by_the_dirty_rate_over_the_bandwidth_until_the_remainder_fits_the_downtime_limit()
    {
        var result = PreCopyModel.Run(new PreCopyParameters(65536, 500));

        Assert.True(result.Converged);
        Assert.True(result.Passes.Count > 3, $"{result.Passes.Count} passes");
        foreach (var (before, after) in result.Passes.Zip(result.Passes.Skip(1)))
        {
            // The sync cost makes a pass a little longer than its transfer, so a little more is dirtied.
            Assert.InRange(after.SentMib / before.SentMib, 500 / TenGbit, 500 / TenGbit * 1.01);
        }

        Assert.All(result.Passes, pass => Assert.True(pass.SentMib / TenGbit > 0.3, "a pass that fit the limit should have been the switch-over"));
    }

    [Fact]
    public void The_downtime_is_the_remainder_over_the_bandwidth_plus_the_switchover_cost()
    {
        var parameters = new PreCopyParameters(65536, 500);

        var result = PreCopyModel.Run(parameters);

        var send = TimeSpan.FromSeconds(result.SwitchoverMib!.Value / TenGbit);
        Assert.Equal(send + parameters.SwitchoverCost, result.Downtime);
        Assert.True(send <= parameters.DowntimeLimit);
        Assert.Equal(result.Passes[^1].DirtiedMib, result.SwitchoverMib);
    }

    [Fact]
    public void A_guest_dirtying_faster_than_the_link_never_converges_without_auto_converge()
    {
        var parameters = new PreCopyParameters(EightGib, 2000) { AutoConverge = AutoConverge.Off };

        var result = PreCopyModel.Run(parameters);

        Assert.Equal(MigrationStatus.Failed, result.Status);
        Assert.Equal(parameters.StalledPassesToGiveUp, result.Passes.Count);
        Assert.All(result.Passes, pass => Assert.Equal(EightGib, pass.SentMib));
        Assert.Contains("not converging: the guest dirties 2000 MiB/s at 0 % throttle", result.Error);
        Assert.Null(result.Downtime);
    }

    [Fact]
    public void With_auto_converge_the_same_guest_converges_as_the_throttle_climbs_by_the_increment()
    {
        var parameters = new PreCopyParameters(EightGib, 2000);

        var result = PreCopyModel.Run(parameters);

        Assert.True(result.Converged);
        var throttles = result.Passes.Select(p => p.ThrottlePercent).Distinct().ToList();
        Assert.Equal([0, 20, 30, 40, 50, 60, 70, 80], throttles);
        Assert.True(result.Downtime <= parameters.DowntimeLimit + parameters.SwitchoverCost);
    }

    [Fact]
    public void The_throttle_rises_at_every_second_period_in_which_the_guest_dirtied_more_than_half_of_what_was_sent()
    {
        // Passes of 6.9 s: every sync closes a period, and every period is high.
        var result = PreCopyModel.Run(new PreCopyParameters(EightGib, 2000));

        Assert.Equal([0, 0, 20, 20, 30, 30], result.Passes.Take(6).Select(p => p.ThrottlePercent));
    }

    [Fact]
    public void Syncs_less_than_a_second_apart_share_a_period_so_short_passes_are_throttled_later()
    {
        // Passes of 0.86 s: two passes make one period, so the first raise waits for the fourth sync, not the second.
        var result = PreCopyModel.Run(new PreCopyParameters(1024, 2000));

        Assert.Equal(5, result.Passes.First(p => p.ThrottlePercent > 0).Number);
    }

    [Fact]
    public void A_guest_dirtying_less_than_half_as_fast_as_the_link_is_never_throttled()
    {
        var result = PreCopyModel.Run(new PreCopyParameters(65536, TenGbit * 0.45));

        Assert.True(result.Converged);
        Assert.All(result.Passes, pass => Assert.Equal(0, pass.ThrottlePercent));
    }

    [Fact]
    public void A_guest_too_fast_even_at_the_maximum_throttle_is_declared_not_converging()
    {
        var parameters = new PreCopyParameters(EightGib, 4000) { AutoConverge = AutoConverge.On with { MaxPercent = 50 } };

        var result = PreCopyModel.Run(parameters);

        Assert.Equal(MigrationStatus.Failed, result.Status);
        Assert.Equal(50, result.FinalThrottlePercent);
        Assert.Contains("2000 MiB/s at 50 % throttle", result.Error);
    }

    [Fact]
    public void A_remainder_that_shrinks_too_slowly_is_given_up_after_the_pass_limit()
    {
        var parameters = new PreCopyParameters(EightGib, TenGbit * 0.98) { AutoConverge = AutoConverge.Off, MaxPasses = 10 };

        var result = PreCopyModel.Run(parameters);

        Assert.Equal(MigrationStatus.Failed, result.Status);
        Assert.Equal(10, result.Passes.Count);
        Assert.Equal("not converged after 10 passes", result.Error);
    }

    [Fact]
    public void A_bandwidth_cap_below_the_link_sets_the_pace()
    {
        var parameters = new PreCopyParameters(1024, 0) { MaxBandwidthMibPerSecond = 128 };

        var result = PreCopyModel.Run(parameters);

        Assert.Equal(TimeSpan.FromSeconds(8), result.Passes[0].Transfer);
        Assert.Equal(parameters.SetupTime + TimeSpan.FromSeconds(8) + parameters.SyncCost + parameters.SwitchoverCost, result.TotalTime);
    }

    [Fact]
    public void Parameters_that_cannot_be_modelled_are_refused_with_the_reasons()
    {
        var invalid = new PreCopyParameters(0, -1) { DowntimeLimit = TimeSpan.Zero };

        var refused = Assert.Throws<ArgumentException>(() => PreCopyModel.Run(invalid));

        Assert.Contains("memory must be positive; the dirty rate must be zero or more; the downtime limit must be positive", refused.Message);
    }
}
