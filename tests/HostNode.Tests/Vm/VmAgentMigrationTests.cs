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
/// A VM agent on either side of a live migration. What makes two writers impossible even with no VRM: the source gives
/// its lease up only once its guest is paused and says so only once it is given up; the target resumes only once it
/// holds the lease; a paused source resumes only by taking its lease back, which it cannot once the target took it.
/// </summary>
public sealed class VmAgentMigrationTests
{
    private static readonly Peer Cna = Parent;
    private static readonly MigrationId Move = MigrationId.From("mig-0001");
    private static readonly MigrationParameters Transfer = new(1192, 300, AutoConverge: true);
    private static readonly StartMigration Send = new(1, 10, Web, Move, 2, "tcp:host-2:49152", Transfer);
    private static readonly PrepareIncomingMigration Prepare = new(1, 20, Web, Move, Spec("web"), 3);
    private static readonly ResumeMigratedVm Resume = new(1, 21, Web, Move, 3);

    private readonly DeciderHarness<VmAgentDecider> _agent = new(NewAgent());

    public VmAgentMigrationTests() => _agent.Start();

    [Fact]
    public void The_source_sends_only_an_instance_whose_lease_it_holds()
    {
        var step = _agent.At(1).Send(new OutgoingMigrationRequested(Send, Controller1), Cna);

        var finished = step.ReplyTo<VmCommandFinished>(Cna);
        Assert.Equal("VM vm-0001 does not run here as incarnation 2", finished.Refusal);
        Assert.Empty(step.Effects);
        Assert.True(step.Stopped);
    }

    [Fact]
    public void The_source_starts_the_transfer_and_polls_it_every_second_reporting_progress_to_the_controller()
    {
        RunningAsSource();

        var started = StartSending(1);
        var polled = _agent.At(2).Send(new PollMigration(Web), Peer.None);
        var reported = _agent.Answer(Polled(polled, Status(MigrationStatus.Active, remainingMib: 900, syncs: 1)));

        Assert.Equal(new VmCommandFinished(Controller1, 10, null), started.ReplyTo<VmCommandFinished>(Cna));
        Assert.Equal(PollMigration.Interval, Assert.IsType<StartTimer>(Assert.Single(started.Timers)).Delay);
        Assert.Equal(new QueryGuestMigration(Web, At(2)), polled.Effect<PerformHypervisorOperation>().Operation);
        var progress = reported.ReplyTo<MigrationProgressReported>(Controller1);
        Assert.Equal((MigrationTransferStatus.Active, 1, 900L), (progress.Status, progress.Passes, progress.RemainingMb));
    }

    [Fact]
    public void On_completion_the_source_releases_its_lease_and_reports_completed_only_once_the_store_has_the_release()
    {
        RunningAsSource();
        StartSending(1);

        var completed = _agent.Answer(Polled(_agent.At(5).Send(new PollMigration(Web), Peer.None), Status(MigrationStatus.Completed, syncs: 3)));
        var release = completed.Effect<ReleaseStorageLease>();
        var reported = _agent.Answer(new StorageLeaseReleased(release, null));

        Assert.Equal((Ds1, Web, 2L), (release.Datastore, release.Vm, release.Incarnation));
        Assert.Empty(completed.SentTo<MigrationProgressReported>(Controller1));
        Assert.Contains(completed.Timers, t => t is CancelTimer { Key: var key } && key == PollMigration.TimerKey(Web));
        var progress = reported.ReplyTo<MigrationProgressReported>(Controller1);
        Assert.Equal((MigrationTransferStatus.Completed, 1, (string?)null), (progress.Status, progress.Passes, progress.Error));
        Assert.Equal((12L, 1000L), (progress.DowntimeMs, progress.TotalMs));
        Assert.Null(_agent.Decider.HeldIncarnation);
        Assert.False(reported.Stopped);
    }

    [Fact]
    public void A_source_paused_by_a_completed_transfer_renews_nothing_and_never_fences()
    {
        CompletedAsSource();

        var tick = _agent.At(30).Send(new RenewLease(new HashSet<VmInstance>()), Cna);
        var check = _agent.At(60).Send(CheckFence.Instance, Cna);

        Assert.Empty(tick.Effects);
        Assert.Empty(check.Effects);
    }

    [Fact]
    public void A_renewal_tick_that_finds_the_guest_paused_by_a_completing_transfer_switches_over_and_a_later_cancel_can_resume_it()
    {
        // Seen on real processes: the host's tick came between the transfer's end and the agent's next poll, the lease was
        // given back as a dead guest's, and a new VRM's cancel then found no paused source to resume: the saga stayed in doubt.
        RunningAsSource();
        StartSending(1);

        var tick = _agent.At(4).Send(new RenewLease(new HashSet<VmInstance>()), Cna);
        var switchedOver = _agent.Answer(new HypervisorOperationPerformed(tick.Effect<PerformHypervisorOperation>(), null, Status(MigrationStatus.Completed, syncs: 3)));
        _agent.Answer(new StorageLeaseReleased(switchedOver.Effect<ReleaseStorageLease>(), null));
        var cancel = _agent.At(10).Send(new OutgoingMigrationCancelRequested(new CancelMigration(2, 30, Web, Move), Controller2), Cna);

        Assert.Equal(new QueryGuestMigration(Web, At(4)), tick.Effect<PerformHypervisorOperation>().Operation);
        Assert.Empty(tick.EffectsOf<ReleaseStorageLease>());
        Assert.NotNull(switchedOver.Effect<ReleaseStorageLease>().Context);
        Assert.Equal((Ds1, 2L), (cancel.Effect<AcquireStorageLease>().Datastore, cancel.Effect<AcquireStorageLease>().Incarnation));
    }

    [Fact]
    public void A_failed_transfer_is_reported_and_the_source_keeps_its_lease_and_renews_it()
    {
        RunningAsSource();
        StartSending(1);

        var failed = _agent.Answer(Polled(_agent.At(2).Send(new PollMigration(Web), Peer.None), Status(MigrationStatus.Failed, error: "lost the connection")));
        var tick = _agent.At(5).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Cna);

        var progress = failed.ReplyTo<MigrationProgressReported>(Controller1);
        Assert.Equal((MigrationTransferStatus.Failed, "lost the connection"), (progress.Status, progress.Error));
        Assert.Empty(failed.EffectsOf<ReleaseStorageLease>());
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
        Assert.Equal(2, tick.Effect<RenewStorageLease>().Incarnation);
    }

    [Fact]
    public void A_cancel_stops_the_transfer_asks_at_once_how_it_ended_and_reports_it_failed_with_the_lease_kept()
    {
        var operations = CancelWhileSending();
        var accepted = _agent.Answer(new HypervisorOperationPerformed(operations[0], null));
        var ended = _agent.Answer(new HypervisorOperationPerformed(operations[1], null, Status(MigrationStatus.Cancelled)));

        Assert.Equal([new CancelGuestMigration(Web), new QueryGuestMigration(Web, At(2))], operations.Select(o => o.Operation));
        Assert.Equal(new VmCommandFinished(Controller1, 11, null), accepted.ReplyTo<VmCommandFinished>(Cna));
        Assert.Equal(MigrationTransferStatus.Failed, ended.ReplyTo<MigrationProgressReported>(Controller1).Status);
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void A_cancel_that_meets_the_transfers_end_resumes_the_source_which_never_gave_up_its_lease()
    {
        var operations = CancelWhileSending();
        _agent.Answer(new HypervisorOperationPerformed(operations[0], null));

        var completed = _agent.Answer(new HypervisorOperationPerformed(operations[1], null, Status(MigrationStatus.Completed, syncs: 3)));
        var resumed = _agent.Answer(new HypervisorOperationPerformed(completed.Effect<PerformHypervisorOperation>(), null));

        Assert.Empty(completed.EffectsOf<ReleaseStorageLease>());
        Assert.Equal(new ResumeSourceGuest(Web, 2), completed.Effect<PerformHypervisorOperation>().Operation);
        Assert.Equal(MigrationTransferStatus.Failed, resumed.ReplyTo<MigrationProgressReported>(Controller1).Status);
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void A_cancel_after_completion_takes_the_released_lease_back_before_the_source_resumes()
    {
        CompletedAsSource();

        var cancel = _agent.At(10).Send(new OutgoingMigrationCancelRequested(new CancelMigration(2, 30, Web, Move), Controller2), Cna);
        var acquire = cancel.Effect<AcquireStorageLease>();
        var acquired = _agent.At(10.1).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Host.Value, 2), null), null));
        var resumed = _agent.Answer(new HypervisorOperationPerformed(acquired.Effect<PerformHypervisorOperation>(), null));

        Assert.Empty(cancel.EffectsOf<PerformHypervisorOperation>());
        Assert.Equal((Ds1, 2L), (acquire.Datastore, acquire.Incarnation));
        Assert.Equal(new ResumeSourceGuest(Web, 2), acquired.Effect<PerformHypervisorOperation>().Operation);
        Assert.Equal(new VmCommandFinished(Controller2, 30, null), resumed.ReplyTo<VmCommandFinished>(Cna));
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void A_paused_source_whose_lease_a_newer_run_took_is_refused_naming_the_holder_and_quit_for_good()
    {
        CompletedAsSource();
        var acquire = _agent.At(10).Send(new OutgoingMigrationCancelRequested(new CancelMigration(2, 30, Web, Move), Controller2), Cna).Effect<AcquireStorageLease>();

        var refused = _agent.At(10.1).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease("host-2", 3), AcquireRefusal.HeldByAnother), null));
        var quit = refused.Effect<PerformHypervisorOperation>();
        var quitted = _agent.Answer(new HypervisorOperationPerformed(quit, null));

        Assert.Contains("held by host-2 (incarnation 3)", refused.ReplyTo<VmCommandFinished>(Cna).Refusal, StringComparison.Ordinal);
        Assert.Equal(new QuitSourceGuest(Web, 2), quit.Operation);
        Assert.Null(_agent.Decider.HeldIncarnation);
        Assert.True(quitted.Stopped);
    }

    [Fact]
    public void A_paused_source_that_cannot_reach_its_storage_stays_paused_to_be_asked_again()
    {
        CompletedAsSource();
        var acquire = _agent.At(10).Send(new OutgoingMigrationCancelRequested(new CancelMigration(2, 30, Web, Move), Controller2), Cna).Effect<AcquireStorageLease>();

        var refused = _agent.At(10.1).Answer(new StorageLeaseAcquired(acquire, null, "datastore ds-1 unreachable"));
        var again = _agent.At(20).Send(new OutgoingMigrationCancelRequested(new CancelMigration(2, 31, Web, Move), Controller2), Cna);

        Assert.Empty(refused.Effects);
        Assert.Contains("storage unreachable", refused.ReplyTo<VmCommandFinished>(Cna).Refusal, StringComparison.Ordinal);
        Assert.Single(again.EffectsOf<AcquireStorageLease>());
    }

    [Fact]
    public void The_target_prepares_the_paused_instance_and_answers_its_address()
    {
        var step = _agent.At(1).Send(new IncomingMigrationRequested(Prepare, Controller1), Cna);
        var prepare = step.Effect<PerformHypervisorOperation>();
        var answered = _agent.Answer(new HypervisorOperationPerformed(prepare, null, "tcp:host-1:49152"));

        Assert.Equal(new PrepareIncomingGuest(Web, Prepare.Spec, 3), prepare.Operation);
        Assert.Equal(new VmCommandFinished(Controller1, 20, null, new IncomingMigrationPrepared(Move, "tcp:host-1:49152")), answered.ReplyTo<VmCommandFinished>(Cna));
        Assert.Null(_agent.Decider.HeldIncarnation);
        Assert.False(answered.Stopped);
    }

    [Fact]
    public void The_target_takes_the_lease_for_the_new_incarnation_before_it_resumes_and_then_renews_it()
    {
        Prepared();

        var resume = _agent.At(5).Send(new MigratedVmResumeRequested(Resume, Controller1), Cna);
        var acquire = resume.Effect<AcquireStorageLease>();
        var acquired = _agent.At(5.1).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Host.Value, 3), null), null));
        var resumed = _agent.Answer(new HypervisorOperationPerformed(acquired.Effect<PerformHypervisorOperation>(), null));
        var tick = _agent.At(10).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 3) }), Cna);

        Assert.Empty(resume.EffectsOf<PerformHypervisorOperation>());
        Assert.Equal((Ds1, 3L, At(5)), (acquire.Datastore, acquire.Incarnation, acquire.StartedAt));
        Assert.Equal(new ResumeIncomingGuest(Web, 3), acquired.Effect<PerformHypervisorOperation>().Operation);
        Assert.Equal(new VmCommandFinished(Controller1, 21, null, new MigratedVmResumed(Move, 3)), resumed.ReplyTo<VmCommandFinished>(Cna));
        Assert.Equal(3, tick.Effect<RenewStorageLease>().Incarnation);
    }

    [Fact]
    public void A_lease_the_source_still_holds_refuses_the_resume_naming_the_holder_and_the_instance_stays_paused()
    {
        Prepared();
        var acquire = _agent.At(5).Send(new MigratedVmResumeRequested(Resume, Controller1), Cna).Effect<AcquireStorageLease>();

        var refused = _agent.At(5.1).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease("host-1", 2), AcquireRefusal.HeldByAnother), null));

        Assert.Empty(refused.Effects);
        Assert.Equal("storage lease of vm-0001 is held by host-1 (incarnation 2): HeldByAnother", refused.ReplyTo<VmCommandFinished>(Cna).Refusal);
        Assert.Null(_agent.Decider.HeldIncarnation);
        Assert.False(refused.Stopped);
    }

    [Fact]
    public void A_lease_taken_for_an_instance_that_cannot_resume_is_given_back_at_once()
    {
        Prepared();
        var acquire = _agent.At(5).Send(new MigratedVmResumeRequested(Resume, Controller1), Cna).Effect<AcquireStorageLease>();
        var acquired = _agent.Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Host.Value, 3), null), null));

        var failed = _agent.Answer(new HypervisorOperationPerformed(acquired.Effect<PerformHypervisorOperation>(), "the memory of VM vm-0001 has not all arrived"));

        Assert.Equal(3, failed.Effect<ReleaseStorageLease>().Incarnation);
        Assert.Equal("the memory of VM vm-0001 has not all arrived", failed.ReplyTo<VmCommandFinished>(Cna).Refusal);
        Assert.Null(_agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void A_repeated_resume_after_success_is_answered_again_without_touching_the_lease()
    {
        Prepared();
        var acquire = _agent.At(5).Send(new MigratedVmResumeRequested(Resume, Controller1), Cna).Effect<AcquireStorageLease>();
        var acquired = _agent.Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Host.Value, 3), null), null));
        _agent.Answer(new HypervisorOperationPerformed(acquired.Effect<PerformHypervisorOperation>(), null));

        var again = _agent.At(6).Send(new MigratedVmResumeRequested(Resume with { CommandId = 22 }, Controller1), Cna);

        Assert.Empty(again.Effects);
        Assert.Equal(new VmCommandFinished(Controller1, 22, null, new MigratedVmResumed(Move, 3)), again.ReplyTo<VmCommandFinished>(Cna));
    }

    [Fact]
    public void A_resume_with_nothing_prepared_is_refused_and_takes_no_lease()
    {
        var step = _agent.At(5).Send(new MigratedVmResumeRequested(Resume, Controller1), Cna);

        Assert.Empty(step.Effects);
        Assert.Equal("no incoming VM vm-0001 (incarnation 3) is prepared here", step.ReplyTo<VmCommandFinished>(Cna).Refusal);
    }

    [Fact]
    public void An_agent_stays_while_it_takes_part_in_a_migration_and_stops_once_its_paused_instance_is_gone()
    {
        Prepared();

        var discarded = _agent.At(9).Send(new IncomingDiscarded(3), Cna);

        Assert.True(discarded.Stopped);
    }

    private static StorageLease Lease(string holder, long incarnation) => VmAgentFixture.Lease(Ds1, holder, incarnation);

    private static PreCopyStatus Status(MigrationStatus status, double remainingMib = 0, int syncs = 2, string? error = null) =>
        new(status, TimeSpan.FromSeconds(1), 0, MigrationUnits.MibToBytes(remainingMib), MigrationUnits.MibToBytes(4096), MigrationUnits.MibToBytes(16), syncs, 0, TimeSpan.Zero, status == MigrationStatus.Completed ? TimeSpan.FromMilliseconds(12) : null, false, error);

    private static HypervisorOperationPerformed Polled(DecidedStep poll, PreCopyStatus status) =>
        new(poll.Effect<PerformHypervisorOperation>(), null, status);

    private void RunningAsSource()
    {
        StartWithLease(_agent);
    }

    private DecidedStep StartSending(double at)
    {
        var start = _agent.At(at).Send(new OutgoingMigrationRequested(Send, Controller1), Cna);
        Assert.Equal(new MigrateGuest(Web, 2, Send.TargetUri, Transfer, At(at)), start.Effect<PerformHypervisorOperation>().Operation);
        return _agent.Answer(new HypervisorOperationPerformed(start.Effect<PerformHypervisorOperation>(), null));
    }

    /// <summary>A cancel at 2 s into a transfer started at 1 s; its two hypervisor operations, unanswered.</summary>
    private List<PerformHypervisorOperation> CancelWhileSending()
    {
        RunningAsSource();
        StartSending(1);
        var cancel = _agent.At(2).Send(new OutgoingMigrationCancelRequested(new CancelMigration(1, 11, Web, Move), Controller1), Cna);
        return [.. cancel.EffectsOf<PerformHypervisorOperation>()];
    }

    private void CompletedAsSource()
    {
        RunningAsSource();
        StartSending(1);
        var completed = _agent.Answer(Polled(_agent.At(5).Send(new PollMigration(Web), Peer.None), Status(MigrationStatus.Completed, syncs: 3)));
        _agent.Answer(new StorageLeaseReleased(completed.Effect<ReleaseStorageLease>(), null));
    }

    private void Prepared()
    {
        var prepare = _agent.At(1).Send(new IncomingMigrationRequested(Prepare, Controller1), Cna).Effect<PerformHypervisorOperation>();
        _agent.Answer(new HypervisorOperationPerformed(prepare, null, "tcp:host-1:49152"));
    }
}
