using Cluster.HostNode.Hypervisor.Migration;

namespace Cluster.HostNode.Tests.Hypervisor.Migration;

/// <summary>A migration advanced in virtual time and queried as <c>query-migrate</c>, as the simulated hypervisor will.</summary>
public sealed class PreCopyProgressTests
{
    private const double MibPerSecond = 128;
    private static readonly long Mib = (long)MigrationUnits.BytesPerMib;

    // 1 GiB at 128 MiB/s: pass 1 takes 8 s, then a few shrinking passes.
    private static readonly PreCopyParameters Busy = new(1024, 32) { MaxBandwidthMibPerSecond = MibPerSecond };

    [Fact]
    public void A_migration_starts_in_setup_with_all_memory_remaining()
    {
        var status = PreCopyProgress.Start(Busy).Query();

        Assert.Equal(MigrationStatus.Setup, status.Status);
        Assert.Equal((0L, 1024 * Mib, 1024 * Mib, 0), (status.TransferredBytes, status.RemainingBytes, status.TotalBytes, status.DirtySyncCount));
    }

    [Fact]
    public void Halfway_through_pass_one_half_the_memory_is_sent_after_the_setup_sync()
    {
        var progress = PreCopyProgress.Start(Busy).Advance(Busy.SetupTime + TimeSpan.FromSeconds(4));

        var status = progress.Query();

        Assert.Equal(MigrationStatus.Active, status.Status);
        Assert.Equal((512 * Mib, 512 * Mib, 1), (status.TransferredBytes, status.RemainingBytes, status.DirtySyncCount));
        Assert.Equal(32 * Mib, status.DirtyRateBytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(4), status.ExpectedDowntime);
        Assert.False(status.GuestPaused);
    }

    [Fact]
    public void During_the_switchover_the_guest_is_paused_and_the_migration_still_reports_active()
    {
        var result = PreCopyModel.Run(Busy);
        var switchoverStarts = result.TotalTime - result.Downtime!.Value;

        var status = PreCopyProgress.Start(Busy).Advance(switchoverStarts + TimeSpan.FromMilliseconds(1)).Query();

        Assert.Equal(MigrationStatus.Active, status.Status);
        Assert.True(status.GuestPaused);
        Assert.Equal(result.Passes.Count + 2, status.DirtySyncCount);
    }

    [Fact]
    public void A_completed_migration_reports_its_downtime_and_nothing_remaining()
    {
        var result = PreCopyModel.Run(Busy);

        var status = PreCopyProgress.Start(Busy).Advance(TimeSpan.FromMinutes(10)).Query();

        Assert.Equal(MigrationStatus.Completed, status.Status);
        Assert.Equal((result.TotalTime, result.Downtime, 0L), (status.TotalTime, status.Downtime, status.RemainingBytes));
        Assert.Equal(MigrationUnits.MibToBytes(result.TransferredMib), status.TransferredBytes);
        Assert.False(status.GuestPaused);
    }

    [Theory]
    [InlineData(256, 0, 128)]
    [InlineData(1024, 32, 128)]
    [InlineData(8192, 2000, 1192)]
    [InlineData(1024, 2000, 1192)]
    [InlineData(8192, 1500, 1192)]
    public void Stepping_in_small_deltas_ends_exactly_where_running_in_one_go_does(long memoryMib, double dirtyMibPerSecond, double bandwidth)
    {
        var parameters = new PreCopyParameters(memoryMib, dirtyMibPerSecond) { MaxBandwidthMibPerSecond = bandwidth };
        var inOneGo = PreCopyProgress.Start(parameters).RunToEnd();

        var stepped = PreCopyProgress.Start(parameters);
        while (!stepped.IsFinished)
        {
            stepped = stepped.Advance(TimeSpan.FromMilliseconds(7));
        }

        Assert.Equal(inOneGo.Query(), stepped.Query());
        Assert.Equal(inOneGo.Result!.Passes, stepped.Result!.Passes);
        Assert.Equal(inOneGo.Result with { Passes = stepped.Result.Passes }, stepped.Result);
    }

    [Fact]
    public void Cancelling_mid_way_stops_it_as_cancelled_and_nothing_more_is_sent()
    {
        var running = PreCopyProgress.Start(Busy).Advance(TimeSpan.FromSeconds(9));
        var sent = running.Query().TransferredBytes;

        var cancelled = running.Cancel().Advance(TimeSpan.FromMinutes(5));

        var status = cancelled.Query();
        Assert.Equal(MigrationStatus.Cancelled, status.Status);
        Assert.Equal((sent, TimeSpan.FromSeconds(9)), (status.TransferredBytes, status.TotalTime));
        Assert.False(cancelled.Result!.Converged);
        Assert.Null(cancelled.Result.Downtime);
    }

    [Fact]
    public void Cancelling_a_completed_migration_changes_nothing()
    {
        var completed = PreCopyProgress.Start(Busy).RunToEnd();

        var afterCancel = completed.Cancel();

        Assert.Equal(completed.Query(), afterCancel.Query());
    }

    [Fact]
    public void A_fault_injected_mid_way_fails_it_with_the_reason()
    {
        var failed = PreCopyProgress.Start(Busy).Advance(TimeSpan.FromSeconds(3)).Fail("destination host-2 is gone");

        var status = failed.Query();

        Assert.Equal(MigrationStatus.Failed, status.Status);
        Assert.Equal("destination host-2 is gone", status.Error);
        Assert.Equal("destination host-2 is gone", failed.Result!.Error);
    }

    [Fact]
    public void A_migration_the_model_gives_up_on_reports_failed_with_what_remains()
    {
        var parameters = new PreCopyParameters(1024, 2000) { AutoConverge = AutoConverge.Off };

        var status = PreCopyProgress.Start(parameters).RunToEnd().Query();

        Assert.Equal(MigrationStatus.Failed, status.Status);
        Assert.Equal(1024 * Mib, status.RemainingBytes);
        Assert.Equal(parameters.StalledPassesToGiveUp + 1, status.DirtySyncCount);
        Assert.StartsWith("not converging", status.Error);
    }
}
