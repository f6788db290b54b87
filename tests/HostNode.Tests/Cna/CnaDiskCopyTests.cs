using Cluster.HostNode.Cna;
using Cluster.Messages;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>A CNA copying a stopped VM's disks for a cold migration on its simulated hypervisor; the test plays the controller.</summary>
public sealed class CnaDiskCopyTests
{
    private static readonly VmId Cold = VmId.From("vm-0002");
    private static readonly MigrationId Move = MigrationId.From("mig-0001");
    private static readonly DatastoreId Ds2 = DatastoreId.From("ds-2");

    [Fact]
    public void The_copy_takes_size_over_rate_and_is_reported_every_second_until_it_is_whole()
    {
        var cna = new CnaHarness(s => s with { Datastores = [Ds1, Ds2] });

        var started = cna.At(0).Send(new CopyVmDisks(1, 30, Cold, Move, Spec("cold"), Ds2, 200), Controller1);
        var running = cna.At(100).Fire(PollDiskCopy.TimerKey(Cold));
        var whole = cna.At(205).Fire(PollDiskCopy.TimerKey(Cold));

        Assert.Equal(new CommandAccepted(30), started.ReplyTo<CommandAccepted>(Controller1));
        Assert.Equal(new DiskCopyProgressReported(Move, DiskCopyState.Running, 40_960 - 20_000, 40_960, null), running.ReplyTo<DiskCopyProgressReported>(Controller1));
        Assert.Equal(DiskCopyState.Completed, whole.ReplyTo<DiskCopyProgressReported>(Controller1).State);
        Assert.Empty(cna.Hypervisor.Report());
    }

    [Fact]
    public void A_cancelled_copy_reports_failed_and_a_host_not_reaching_the_datastore_refuses_to_copy()
    {
        var cna = new CnaHarness(s => s with { Datastores = [Ds1, Ds2] });
        cna.At(0).Send(new CopyVmDisks(1, 30, Cold, Move, Spec("cold"), Ds2, 200), Controller1);

        cna.At(10).Send(new CancelDiskCopy(1, 31, Cold, Move), Controller1);
        var ended = cna.At(11).Fire(PollDiskCopy.TimerKey(Cold));
        var refused = new CnaHarness().At(0).Send(new CopyVmDisks(1, 32, Cold, Move, Spec("cold"), Ds2, 200), Controller1);

        Assert.Equal((DiskCopyState.Failed, "cancelled"), (ended.ReplyTo<DiskCopyProgressReported>(Controller1).State, ended.ReplyTo<DiskCopyProgressReported>(Controller1).Error));
        Assert.Equal("host host-1 does not reach ds-2", refused.ReplyTo<CommandRejected>(Controller1).Reason);
    }
}
