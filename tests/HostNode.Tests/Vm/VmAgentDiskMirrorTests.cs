using Cluster.Deciders;
using Cluster.Deciders.Testing;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;
using static Cluster.HostNode.Tests.Vm.VmAgentFixture;

namespace Cluster.HostNode.Tests.Vm;

/// <summary>
/// A VM agent mirroring its running guest's disks from ds-1 to ds-2 (a storage migration). What keeps one writer per
/// datastore: the target's lease is taken before the mirror writes there and renewed beside the source's; the source's
/// is given up only after the pivot, the target's as soon as the mirror ends any other way.
/// </summary>
public sealed class VmAgentDiskMirrorTests
{
    private static readonly Peer Cna = Parent;
    private static readonly MigrationId Move = MigrationId.From("mig-0001");
    private static readonly DatastoreId Ds2 = DatastoreId.From("ds-2");
    private static readonly StartDiskMirror Mirror = new(1, 10, Web, Move, 2, Ds2, 200);
    private static readonly PivotDiskMirror Pivot = new(1, 11, Web, Move, 2);
    private static readonly CancelDiskMirror Cancel = new(1, 12, Web, Move);

    private readonly DeciderHarness<VmAgentDecider> _agent = new(NewAgent());

    public VmAgentDiskMirrorTests() => _agent.Start();

    [Fact]
    public void The_agent_takes_the_target_datastores_lease_before_it_starts_the_mirror()
    {
        RunningWithLease();

        var asked = _agent.At(1).Send(new DiskMirrorRequested(Mirror, Controller1), Cna);
        var acquire = asked.Effect<AcquireStorageLease>();
        var leased = _agent.Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Ds2, Host.Value), null), null));
        var started = _agent.Answer(new HypervisorOperationPerformed(leased.Effect<PerformHypervisorOperation>(), null));

        Assert.Empty(asked.EffectsOf<PerformHypervisorOperation>());
        Assert.Equal((Ds2, Web, 2L), (acquire.Datastore, acquire.Vm, acquire.Incarnation));
        Assert.Equal(new MirrorGuestDisks(Web, 2, Ds2, 200, At(1)), leased.Effect<PerformHypervisorOperation>().Operation);
        Assert.Equal(new VmCommandFinished(Controller1, 10, null), started.ReplyTo<VmCommandFinished>(Cna));
        Assert.Equal(PollDiskMirror.Interval, Assert.IsType<StartTimer>(Assert.Single(started.Timers)).Delay);
    }

    [Fact]
    public void A_target_lease_held_by_another_host_refuses_the_mirror_naming_the_holder()
    {
        RunningWithLease();
        var acquire = _agent.At(1).Send(new DiskMirrorRequested(Mirror, Controller1), Cna).Effect<AcquireStorageLease>();

        var refused = _agent.Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Ds2, "host-9"), AcquireRefusal.HeldByAnother), null));

        Assert.Contains("host-9", refused.ReplyTo<VmCommandFinished>(Cna).Refusal);
        Assert.Empty(refused.Effects);
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void While_mirroring_both_leases_are_renewed_and_progress_goes_to_the_controller()
    {
        Mirroring();

        var tick = _agent.At(3).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Cna);
        var polled = _agent.At(4).Send(new PollDiskMirror(Web), Peer.None);
        var reported = _agent.Answer(new HypervisorOperationPerformed(polled.Effect<PerformHypervisorOperation>(), null, MirrorStatus(MirrorJobStatus.Running, remainingMib: 30_000)));

        Assert.Equal([Ds1, Ds2], tick.EffectsOf<RenewStorageLease>().Select(r => r.Datastore));
        Assert.Equal(new DiskMirrorProgressReported(Move, DiskMirrorState.Running, 30_000, 40_960, null), reported.ReplyTo<DiskMirrorProgressReported>(Controller1));
    }

    [Fact]
    public void A_pivot_makes_the_target_lease_the_vms_and_gives_the_source_datastores_up()
    {
        Mirroring();

        var pivoting = _agent.At(5).Send(new DiskMirrorPivotRequested(Pivot, Controller1), Cna);
        var pivoted = _agent.Answer(new HypervisorOperationPerformed(pivoting.Effect<PerformHypervisorOperation>(), null));
        var tick = _agent.At(6).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Cna);

        Assert.Equal(new PivotGuestDiskMirror(Web), pivoting.Effect<PerformHypervisorOperation>().Operation);
        var release = pivoted.Effect<ReleaseStorageLease>();
        Assert.Equal((Ds1, 2L), (release.Datastore, release.Incarnation));
        Assert.Equal(new VmCommandFinished(Controller1, 11, null, new DiskMirrorPivoted(Move, Ds2)), pivoted.ReplyTo<VmCommandFinished>(Cna));
        Assert.Equal([Ds2], tick.EffectsOf<RenewStorageLease>().Select(r => r.Datastore));
    }

    [Fact]
    public void A_pivot_asked_again_after_it_was_done_is_answered_again_without_touching_the_guest()
    {
        Mirroring();
        var pivoting = _agent.At(5).Send(new DiskMirrorPivotRequested(Pivot, Controller1), Cna);
        _agent.Answer(new HypervisorOperationPerformed(pivoting.Effect<PerformHypervisorOperation>(), null));

        var again = _agent.At(6).Send(new DiskMirrorPivotRequested(Pivot with { CommandId = 13 }, Controller1), Cna);

        Assert.Empty(again.Effects);
        Assert.Equal(new VmCommandFinished(Controller1, 13, null, new DiskMirrorPivoted(Move, Ds2)), again.ReplyTo<VmCommandFinished>(Cna));
    }

    [Fact]
    public void A_refused_pivot_keeps_both_leases_and_the_guest_on_its_disks()
    {
        Mirroring();
        var pivoting = _agent.At(5).Send(new DiskMirrorPivotRequested(Pivot, Controller1), Cna);

        var refused = _agent.Answer(new HypervisorOperationPerformed(pivoting.Effect<PerformHypervisorOperation>(), "not ready"));
        var tick = _agent.At(6).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Cna);

        Assert.Equal("not ready", refused.ReplyTo<VmCommandFinished>(Cna).Refusal);
        Assert.Empty(refused.EffectsOf<ReleaseStorageLease>());
        Assert.Equal([Ds1, Ds2], tick.EffectsOf<RenewStorageLease>().Select(r => r.Datastore));
    }

    [Fact]
    public void A_cancel_stops_the_mirror_and_gives_the_target_datastores_lease_back()
    {
        Mirroring();

        var cancelling = _agent.At(5).Send(new DiskMirrorCancelRequested(Cancel, Controller1), Cna);
        var cancelled = _agent.Answer(new HypervisorOperationPerformed(cancelling.Effect<PerformHypervisorOperation>(), null));

        Assert.Equal(new CancelGuestDiskMirror(Web), cancelling.Effect<PerformHypervisorOperation>().Operation);
        Assert.Equal(Ds2, cancelled.Effect<ReleaseStorageLease>().Datastore);
        Assert.Equal(new VmCommandFinished(Controller1, 12, null), cancelled.ReplyTo<VmCommandFinished>(Cna));
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void A_failed_mirror_is_reported_and_its_target_lease_given_back()
    {
        Mirroring();
        var polled = _agent.At(4).Send(new PollDiskMirror(Web), Peer.None);

        var failed = _agent.Answer(new HypervisorOperationPerformed(polled.Effect<PerformHypervisorOperation>(), null, MirrorStatus(MirrorJobStatus.Failed, error: "I/O error")));

        Assert.Equal(new DiskMirrorProgressReported(Move, DiskMirrorState.Failed, 0, 40_960, "I/O error"), failed.ReplyTo<DiskMirrorProgressReported>(Controller1));
        Assert.Equal(Ds2, failed.Effect<ReleaseStorageLease>().Datastore);
    }

    [Fact]
    public void A_target_lease_not_renewed_for_the_fence_delay_stops_the_mirror_but_not_the_guest()
    {
        Mirroring();
        _agent.At(6).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Cna);
        _agent.Answer(new StorageLeaseRenewed(new RenewStorageLease(Ds1, Web, 2, At(6)), RenewalOutcome.Succeeded));

        var overdue = _agent.At(17).Send(CheckFence.Instance, Cna);
        var stopped = _agent.Answer(new HypervisorOperationPerformed(overdue.Effect<PerformHypervisorOperation>(), null));

        Assert.Equal(new CancelGuestDiskMirror(Web), overdue.Effect<PerformHypervisorOperation>().Operation);
        Assert.Equal(DiskMirrorState.Failed, stopped.ReplyTo<DiskMirrorProgressReported>(Controller1).State);
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void A_guest_that_died_while_mirroring_gives_both_leases_back()
    {
        Mirroring();

        var tick = _agent.At(3).Send(new RenewLease(new HashSet<VmInstance>()), Cna);

        Assert.Equal([Ds1, Ds2], tick.EffectsOf<ReleaseStorageLease>().Select(r => r.Datastore));
        Assert.True(tick.Stopped);
    }

    private static StorageLease Lease(DatastoreId datastore, string holder) => VmAgentFixture.Lease(datastore, holder, 2);

    private static StorageMirrorStatus MirrorStatus(MirrorJobStatus status, double remainingMib = 0, string? error = null) =>
        new(status, TimeSpan.FromSeconds(1), 0, MigrationUnits.MibToBytes(remainingMib), MigrationUnits.MibToBytes(40_960), status == MirrorJobStatus.Ready, error);

    private void RunningWithLease()
    {
        StartWithLease(_agent);
    }

    private void Mirroring()
    {
        RunningWithLease();
        var acquire = _agent.At(1).Send(new DiskMirrorRequested(Mirror, Controller1), Cna).Effect<AcquireStorageLease>();
        var leased = _agent.Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Ds2, Host.Value), null), null));
        _agent.Answer(new HypervisorOperationPerformed(leased.Effect<PerformHypervisorOperation>(), null));
    }
}
