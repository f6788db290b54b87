using Cluster.HostNode.Hypervisor.Migration;

namespace Cluster.HostNode.Tests.Hypervisor.Migration;

/// <summary>The disk mirror (<c>blockdev-mirror</c>): copied while the guest writes, ready once caught up, then pivoted.</summary>
public sealed class StorageMirrorTests
{
    private const double Copy = 1000;

    [Fact]
    public void A_disk_nobody_writes_is_ready_after_one_copy_at_the_bandwidth()
    {
        var mirror = StorageMirrorProgress.Start(Mirror(100, write: 0));

        Assert.Equal(TimeSpan.FromSeconds(102.4), mirror.ReadyAt);
        Assert.Equal(MirrorJobStatus.Running, mirror.Advance(TimeSpan.FromSeconds(102)).Query().Status);
        Assert.Equal(MirrorJobStatus.Ready, mirror.Advance(TimeSpan.FromSeconds(102.4)).Query().Status);
    }

    [Fact]
    public void Guest_writes_delay_readiness_by_dirtying_blocks_already_copied()
    {
        // Writing at half the copy rate: ready at (disk/write)·ln 2 = 204.8 s × 0.693.
        var mirror = StorageMirrorProgress.Start(Mirror(100, write: 500));

        Assert.Equal(204.8 * Math.Log(2), mirror.ReadyAt!.Value.TotalSeconds, 3);
        var halfway = mirror.Advance(TimeSpan.FromSeconds(60)).Query();
        Assert.True(halfway.CopiedBytes > halfway.DiskBytes - halfway.RemainingBytes, "re-copies count as copied, not as in sync");
    }

    [Fact]
    public void A_guest_writing_at_least_as_fast_as_the_copy_runs_keeps_the_mirror_from_ever_being_ready()
    {
        var mirror = StorageMirrorProgress.Start(Mirror(100, write: Copy * 1.25));

        var status = mirror.Advance(TimeSpan.FromHours(10)).Query();

        Assert.Null(mirror.ReadyAt);
        Assert.Null(StorageMirrorProgress.Start(Mirror(100, write: Copy)).ReadyAt);
        Assert.Equal(MirrorJobStatus.Running, status.Status);
        // In sync settles where copying and re-dirtying balance: copy/write of the disk.
        Assert.Equal(status.DiskBytes / 5, status.RemainingBytes, tolerance: 1);
    }

    [Fact]
    public void A_ready_mirror_pivots_to_the_destination_and_one_not_ready_cannot()
    {
        var mirror = StorageMirrorProgress.Start(Mirror(10, write: 100));

        Assert.Throws<InvalidOperationException>(() => mirror.Advance(TimeSpan.FromSeconds(1)).Pivot());
        var pivoted = mirror.Advance(mirror.ReadyAt!.Value).Pivot().Advance(TimeSpan.FromMinutes(1)).Query();

        Assert.Equal(MirrorJobStatus.Completed, pivoted.Status);
        Assert.Equal((0L, true, mirror.ReadyAt.Value), (pivoted.RemainingBytes, pivoted.Ready, pivoted.Elapsed));
    }

    [Fact]
    public void Cancelling_mid_way_leaves_the_disk_at_the_source_and_copies_no_more()
    {
        var running = StorageMirrorProgress.Start(Mirror(100, write: 100)).Advance(TimeSpan.FromSeconds(30));

        var cancelled = running.Cancel().Advance(TimeSpan.FromMinutes(10)).Query();

        Assert.Equal(MirrorJobStatus.Cancelled, cancelled.Status);
        Assert.Equal(running.Query() with { Status = MirrorJobStatus.Cancelled }, cancelled);
    }

    [Fact]
    public void Stepping_in_small_deltas_ends_where_one_step_does()
    {
        var parameters = Mirror(20, write: 300);
        var stepped = StorageMirrorProgress.Start(parameters);
        for (var i = 0; i < 4000; i++)
        {
            stepped = stepped.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(StorageMirrorProgress.Start(parameters).Advance(TimeSpan.FromSeconds(40)).Query(), stepped.Query());
    }

    private static StorageMirrorParameters Mirror(double diskGib, double write) => new(diskGib, write) { LinkMibPerSecond = Copy };
}
