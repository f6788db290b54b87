using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor;

/// <summary>
/// Storage migration on one backend: a running guest's disks (1 GB on ds-1) mirrored to ds-2 at a 100 MiB/s cap, which
/// catches up in about ten seconds under a light writer. Which datastore the guest uses shows in what a second mirror
/// is refused: a guest is never mirrored to the datastore its disks are on.
/// </summary>
public abstract partial class HypervisorConformance
{
    protected static readonly DatastoreId Ds1 = DatastoreId.From("ds-1");
    protected static readonly DatastoreId Ds2 = DatastoreId.From("ds-2");
    protected const double MirrorSpeed = 100;

    [Fact]
    public void A_mirror_copies_the_disks_while_the_guest_runs_and_is_ready_once_in_sync()
    {
        Hypervisor.Start(Web, Guest("web"), 1);

        Assert.Null(Hypervisor.MirrorDisks(Web, 1, Ds2, MirrorSpeed, Now));
        var midway = Hypervisor.QueryDiskMirror(Web, Pass(TimeSpan.FromSeconds(3)))!;
        var ready = RunMirrorUntilReady();

        Assert.Equal(MirrorJobStatus.Running, midway.Status);
        Assert.InRange(midway.RemainingBytes, 1, midway.DiskBytes - 1);
        Assert.True(ready.Ready);
        Assert.Equal(0, ready.RemainingBytes);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
    }

    [Fact]
    public void A_ready_mirror_pivots_the_guest_onto_the_target_datastore_and_a_repeated_pivot_succeeds_again()
    {
        Hypervisor.Start(Web, Guest("web"), 1);
        Hypervisor.MirrorDisks(Web, 1, Ds2, MirrorSpeed, Now);
        RunMirrorUntilReady();

        Assert.Null(Hypervisor.PivotDiskMirror(Web));
        Assert.Null(Hypervisor.PivotDiskMirror(Web));

        Assert.Equal(MirrorJobStatus.Completed, Hypervisor.QueryDiskMirror(Web, Pass(TimeSpan.FromSeconds(1)))!.Status);
        Assert.NotNull(Hypervisor.MirrorDisks(Web, 1, Ds2, MirrorSpeed, Now));
        Assert.Null(Hypervisor.MirrorDisks(Web, 1, Ds1, MirrorSpeed, Now));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
    }

    [Fact]
    public void A_mirror_not_yet_in_sync_refuses_to_pivot_and_keeps_copying()
    {
        Hypervisor.Start(Web, Guest("web"), 1);
        Hypervisor.MirrorDisks(Web, 1, Ds2, MirrorSpeed, Now);
        Hypervisor.QueryDiskMirror(Web, Pass(TimeSpan.FromSeconds(1)));

        Assert.NotNull(Hypervisor.PivotDiskMirror(Web));

        Assert.True(RunMirrorUntilReady().Ready);
    }

    [Fact]
    public void A_cancelled_mirror_leaves_the_guest_on_its_datastore()
    {
        Hypervisor.Start(Web, Guest("web"), 1);
        Hypervisor.MirrorDisks(Web, 1, Ds2, MirrorSpeed, Now);

        Assert.Null(Hypervisor.CancelDiskMirror(Web));

        Assert.Equal(MirrorJobStatus.Cancelled, Hypervisor.QueryDiskMirror(Web, Pass(TimeSpan.FromSeconds(30)))!.Status);
        Assert.NotNull(Hypervisor.PivotDiskMirror(Web));
        Assert.NotNull(Hypervisor.MirrorDisks(Web, 1, Ds1, MirrorSpeed, Now));
        Assert.Null(Hypervisor.MirrorDisks(Web, 1, Ds2, MirrorSpeed, Now));
    }

    [Fact]
    public void Cancelling_with_no_mirror_succeeds_and_a_query_finds_none()
    {
        Assert.Null(Hypervisor.CancelDiskMirror(Web));

        Assert.Null(Hypervisor.QueryDiskMirror(Web, Now));
    }

    [Fact]
    public void A_mirror_whose_guest_crashed_fails()
    {
        Hypervisor.Start(Web, Guest("web"), 1);
        Hypervisor.MirrorDisks(Web, 1, Ds2, MirrorSpeed, Now);

        CrashGuest(Web);

        var failed = Hypervisor.QueryDiskMirror(Web, Pass(TimeSpan.FromSeconds(1)))!;
        Assert.Equal(MirrorJobStatus.Failed, failed.Status);
        Assert.False(string.IsNullOrEmpty(failed.Error));
    }

    [Fact]
    public void A_mirror_is_refused_for_a_guest_not_running_as_that_incarnation_or_to_the_datastore_its_disks_are_on()
    {
        Hypervisor.Start(Web, Guest("web"), 1);

        Assert.NotNull(Hypervisor.MirrorDisks(Db, 1, Ds2, MirrorSpeed, Now));
        Assert.NotNull(Hypervisor.MirrorDisks(Web, 2, Ds2, MirrorSpeed, Now));
        Assert.NotNull(Hypervisor.MirrorDisks(Web, 1, Ds1, MirrorSpeed, Now));
        Assert.Null(Hypervisor.QueryDiskMirror(Web, Now));
    }

    /// <summary>Queries every second until the mirror is in sync; 1 GB at 100 MiB/s is, within a minute.</summary>
    private StorageMirrorStatus RunMirrorUntilReady()
    {
        for (var polls = 0; polls < 60; polls++)
        {
            var status = Hypervisor.QueryDiskMirror(Web, Pass(TimeSpan.FromSeconds(1)))!;
            if (status.Status != MirrorJobStatus.Running)
            {
                return status;
            }
        }

        throw new InvalidOperationException("the mirror was not in sync within a minute");
    }
}
