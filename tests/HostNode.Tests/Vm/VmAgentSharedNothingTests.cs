using Cluster.Deciders;
using Cluster.Deciders.Testing;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.HostNode.Tests.Cna.CnaHarness;
using static Cluster.HostNode.Tests.Vm.VmAgentFixture;

namespace Cluster.HostNode.Tests.Vm;

/// <summary>
/// A VM agent on either side of a shared-nothing migration (host and datastore at once). The source mirrors to ds-2 and
/// at the switch-over stops the mirror and gives up both leases, ds-2's first; the target takes ds-2's lease and then
/// ds-1's, the one the source must take back to run on, so that one compare-and-set decides which instance runs.
/// </summary>
public sealed class VmAgentSharedNothingTests
{
    private static readonly Peer Cna = Parent;
    private static readonly MigrationId Move = MigrationId.From("mig-0001");
    private static readonly DatastoreId Ds2 = DatastoreId.From("ds-2");
    private static readonly PrepareIncomingMigration Prepare = new(1, 20, Web, Move, Spec("web") with { Disks = [new VmDisk(Ds2, 20)] }, 3, Ds1);
    private static readonly ResumeMigratedVm Resume = new(1, 21, Web, Move, 3);

    private readonly DeciderHarness<VmAgentDecider> _agent = new(NewAgent());

    public VmAgentSharedNothingTests() => _agent.Start();

    [Fact]
    public void The_target_takes_the_new_datastores_lease_then_the_old_ones_resumes_and_gives_the_old_one_up()
    {
        Prepared();

        var first = _agent.At(5).Send(new MigratedVmResumeRequested(Resume, Controller1), Cna).Effect<AcquireStorageLease>();
        var second = _agent.Answer(Granted(first, Ds2)).Effect<AcquireStorageLease>();
        var resume = _agent.Answer(Granted(second, Ds1)).Effect<PerformHypervisorOperation>();
        var resumed = _agent.Answer(new HypervisorOperationPerformed(resume, null));
        var tick = _agent.At(10).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 3) }), Cna);

        Assert.Equal([(Ds2, 3L), (Ds1, 3L)], new[] { first, second }.Select(a => (a.Datastore, a.Incarnation)));
        Assert.Equal(new ResumeIncomingGuest(Web, 3), resume.Operation);
        Assert.Equal(Ds1, resumed.Effect<ReleaseStorageLease>().Datastore);
        Assert.Equal(new MigratedVmResumed(Move, 3), resumed.ReplyTo<VmCommandFinished>(Cna).Answer);
        Assert.Equal(Ds2, tick.Effect<RenewStorageLease>().Datastore);
    }

    [Fact]
    public void The_old_datastores_lease_held_by_the_source_refuses_the_resume_and_gives_the_new_one_back()
    {
        Prepared();
        var first = _agent.At(5).Send(new MigratedVmResumeRequested(Resume, Controller1), Cna).Effect<AcquireStorageLease>();
        var second = _agent.Answer(Granted(first, Ds2)).Effect<AcquireStorageLease>();

        var refused = _agent.Answer(new StorageLeaseAcquired(second, new AcquireResult(Lease(Ds1, "host-1", 2), AcquireRefusal.HeldByAnother), null));

        Assert.Empty(refused.EffectsOf<PerformHypervisorOperation>());
        Assert.Equal(Ds2, refused.Effect<ReleaseStorageLease>().Datastore);
        Assert.Equal("storage lease of vm-0001 is held by host-1 (incarnation 2): HeldByAnother", refused.ReplyTo<VmCommandFinished>(Cna).Refusal);
        Assert.Null(_agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void At_the_switch_over_the_source_stops_the_mirror_and_gives_up_the_new_datastores_lease_before_the_old_ones()
    {
        MirroringAsSource();
        var start = _agent.At(2).Send(new OutgoingMigrationRequested(new StartMigration(1, 11, Web, Move, 2, "tcp:host-2:49152", new(1192, 300, true)), Controller1), Cna);
        _agent.Answer(new HypervisorOperationPerformed(start.Effect<PerformHypervisorOperation>(), null));

        var completed = _agent.Answer(new HypervisorOperationPerformed(_agent.At(5).Send(new PollMigration(Web), Peer.None).Effect<PerformHypervisorOperation>(), null, Completed));
        var reported = _agent.Answer(new StorageLeaseReleased(completed.EffectsOf<ReleaseStorageLease>().Last(), null));

        Assert.Contains(completed.EffectsOf<PerformHypervisorOperation>(), p => p.Operation is CancelGuestDiskMirror);
        Assert.Equal([Ds2, Ds1], completed.EffectsOf<ReleaseStorageLease>().Select(r => r.Datastore));
        Assert.Empty(completed.SentTo<MigrationProgressReported>(Controller1));
        Assert.Equal(MigrationTransferStatus.Completed, reported.ReplyTo<MigrationProgressReported>(Controller1).Status);
        Assert.Empty(_agent.At(6).Send(new PollDiskMirror(Web), Peer.None).EffectsOf<PerformHypervisorOperation>());
    }

    private static PreCopyStatus Completed =>
        new(MigrationStatus.Completed, TimeSpan.FromSeconds(1), 0, 0, MigrationUnits.MibToBytes(4096), MigrationUnits.MibToBytes(16), 2, 0, TimeSpan.Zero, TimeSpan.FromMilliseconds(12), false, null);

    private static StorageLeaseAcquired Granted(AcquireStorageLease acquire, DatastoreId datastore) =>
        new(acquire, new AcquireResult(Lease(datastore, Host.Value, acquire.Incarnation), null), null);

    private void Prepared()
    {
        var prepare = _agent.At(1).Send(new IncomingMigrationRequested(Prepare, Controller1), Cna).Effect<PerformHypervisorOperation>();
        _agent.Answer(new HypervisorOperationPerformed(prepare, null, "tcp:host-2:49152"));
    }

    private void MirroringAsSource()
    {
        StartWithLease(_agent);
        var mirrorLease = _agent.At(1).Send(new DiskMirrorRequested(new StartDiskMirror(1, 10, Web, Move, 2, Ds2, 200), Controller1), Cna).Effect<AcquireStorageLease>();
        _agent.Answer(new HypervisorOperationPerformed(_agent.Answer(Granted(mirrorLease, Ds2)).Effect<PerformHypervisorOperation>(), null));
    }
}
