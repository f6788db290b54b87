using Cluster.Controller.Migration;
using Cluster.Deciders;
using Cluster.Messages;
using static Cluster.Controller.Tests.Migration.MigrationSagaHarness;
using static Cluster.Controller.Tests.Migration.SagaHarnessBase;

namespace Cluster.Controller.Tests.Migration;

/// <summary>The saga's happy path, and how each failure before, during and after switch-over ends (docs/migration.md's table).</summary>
public sealed class MigrationSagaTests
{
    private readonly MigrationSagaHarness _saga = new();

    [Fact]
    public void Starting_asks_the_target_to_prepare_the_next_incarnation_paused()
    {
        var prepare = _saga.Started.ReplyTo<PrepareIncomingMigration>(TargetPeer);

        Assert.Equal((Epoch, Vm, Id, 4L), (prepare.Epoch, prepare.VmId, prepare.MigrationId, prepare.Incarnation));
        Assert.Contains(_saga.Started.Timers, t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Prepare));
    }

    [Fact]
    public void A_prepared_target_starts_the_transfer_of_the_source_incarnation_to_its_address()
    {
        var step = _saga.Prepared();

        var start = step.ReplyTo<StartMigration>(SourcePeer);
        Assert.Equal((3L, "tcp:10.0.0.2:49152", _saga.Settings.Transfer), (start.Incarnation, start.TargetUri, start.Parameters));
        Assert.Equal([MigrationPhase.TargetPrepared, MigrationPhase.Transferring], step.EventsOf<MigrationPhaseChanged>().Select(e => e.To));
        Assert.Contains(step.Timers.OfType<StartTimer>(), t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Completion) && t.Delay == TimeSpan.FromSeconds(800 * 8));
    }

    [Fact]
    public void A_completed_transfer_resumes_the_target_and_its_confirmation_completes_the_saga_and_quits_the_source()
    {
        var switching = _saga.SwitchingOver();
        Assert.Equal(4, switching.ReplyTo<ResumeMigratedVm>(TargetPeer).Incarnation);

        var done = _saga.Send(new MigratedVmResumed(Id, 4), TargetPeer);

        Assert.Equal(MigrationPhase.Completed, done.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Equal(3, done.ReplyTo<QuitMigratedSource>(SourcePeer).Incarnation);
        Assert.True(done.Stopped);
    }

    [Fact]
    public void The_target_failing_while_it_prepares_rolls_back_without_touching_the_source()
    {
        var step = _saga.Send(new MigrationHostFailed(Id, Target));

        AssertRolledBack(step, vmDown: false);
        Assert.Empty(step.SentTo<IHostCommand>(SourcePeer));
    }

    [Fact]
    public void The_target_failing_during_the_transfer_cancels_it_and_rolls_back_with_the_source_running()
    {
        _saga.Prepared();

        var step = _saga.Send(new MigrationHostFailed(Id, Target));

        AssertRolledBack(step, vmDown: false);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void The_source_failing_before_the_switch_over_rolls_back_with_the_vm_down_for_ha()
    {
        _saga.Prepared();

        var step = _saga.Send(new MigrationHostFailed(Id, Source));

        AssertRolledBack(step, vmDown: true);
        Assert.Empty(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void The_source_failing_during_the_switch_over_lets_the_target_finish()
    {
        _saga.SwitchingOver();

        var failed = _saga.Send(new MigrationHostFailed(Id, Source));
        var done = _saga.Send(new MigratedVmResumed(Id, 4), TargetPeer);

        Assert.Empty(failed.Events);
        Assert.Equal(MigrationPhase.Completed, done.EventsOf<MigrationPhaseChanged>().Single().To);
    }

    [Fact]
    public void The_target_failing_during_the_switch_over_leaves_the_saga_in_doubt_until_the_target_reports_the_vm_running()
    {
        _saga.SwitchingOver();

        var doubt = _saga.Send(new MigrationHostFailed(Id, Target));
        var resolved = _saga.Send(new MigrationInstanceReported(Id, Target, VmPowerState.Running, 4));

        Assert.Equal(MigrationPhase.InDoubt, doubt.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Equal(MigrationPhase.Completed, resolved.EventsOf<MigrationPhaseChanged>().Single().To);
    }

    [Fact]
    public void An_in_doubt_saga_whose_source_still_runs_the_vm_rolls_back()
    {
        _saga.SwitchingOver();
        _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.SwitchOver));

        var step = _saga.Send(new MigrationInstanceReported(Id, Source, VmPowerState.Running, 3));

        AssertRolledBack(step, vmDown: false);
    }

    [Fact]
    public void An_in_doubt_saga_whose_two_hosts_failed_hands_the_vm_to_ha()
    {
        _saga.SwitchingOver();
        _saga.Send(new MigrationHostFailed(Id, Target));

        var step = _saga.Send(new MigrationHostFailed(Id, Source));

        AssertRolledBack(step, vmDown: true);
    }

    [Fact]
    public void A_target_that_cannot_take_the_storage_lease_leaves_the_saga_in_doubt_and_the_source_is_asked_to_resume_if_its_lease_lets_it()
    {
        var resume = _saga.SwitchingOver().ReplyTo<ResumeMigratedVm>(TargetPeer);

        var step = _saga.Send(new CommandRejected(resume.CommandId, "storage lease of vm-0001 is held by h-1"), TargetPeer);

        Assert.Equal(MigrationPhase.InDoubt, step.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void A_source_that_cannot_take_its_lease_back_in_doubt_changes_nothing_until_a_host_reports_the_vm_running()
    {
        _saga.SwitchingOver();
        var cancel = _saga.Send(new MigrationHostFailed(Id, Target)).ReplyTo<CancelMigration>(SourcePeer);

        var refused = _saga.Send(new CommandRejected(cancel.CommandId, "the source stays paused: storage lease of vm-0001 is held by h-2"), SourcePeer);

        Assert.True(refused.IsEmpty);
    }

    [Fact]
    public void A_transfer_whose_remainder_stops_shrinking_is_cancelled_at_the_progress_timeout()
    {
        _saga.Prepared();
        _saga.Progress(MigrationTransferStatus.Active, remainingMb: 500);
        var stuck = _saga.Progress(MigrationTransferStatus.Active, remainingMb: 600);

        var step = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.Progress));

        Assert.DoesNotContain(stuck.Timers, t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Progress));
        AssertRolledBack(step, vmDown: false);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
        Assert.Contains("600 MB left", step.EventsOf<MigrationPhaseChanged>().Single().Why);
    }

    [Fact]
    public void A_shrinking_remainder_restarts_the_progress_timer()
    {
        _saga.Prepared();

        var step = _saga.Progress(MigrationTransferStatus.Active, remainingMb: 400);

        Assert.Contains(step.Timers, t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Progress));
    }

    [Fact]
    public void A_transfer_still_running_at_the_completion_timeout_is_cancelled()
    {
        _saga.Prepared();

        var step = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.Completion));

        AssertRolledBack(step, vmDown: false);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void A_transfer_the_source_reports_failed_rolls_back_and_discards_the_target()
    {
        _saga.Prepared();

        var step = _saga.Progress(MigrationTransferStatus.Failed, error: "connection reset");

        AssertRolledBack(step, vmDown: false);
        Assert.Contains("connection reset", step.EventsOf<MigrationPhaseChanged>().Single().Why);
    }

    [Fact]
    public void An_operator_cancel_during_the_transfer_rolls_back_and_says_so()
    {
        _saga.Prepared();

        var step = _saga.Send(new MigrationCancelRequested(Id), Operator);

        AssertRolledBack(step, vmDown: false);
        Assert.True(step.ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
    }

    [Fact]
    public void An_operator_cancel_after_the_switch_over_began_is_refused_and_changes_nothing()
    {
        _saga.SwitchingOver();

        var step = _saga.Send(new MigrationCancelRequested(Id), Operator);

        Assert.Empty(step.Events);
        Assert.Contains("SwitchingOver", step.ReplyTo<MigrationCancelAnswer>(Operator).Detail);
    }

    [Fact]
    public void A_saga_a_new_vrm_recovers_mid_transfer_asks_the_source_to_run_on_and_rolls_back_once_it_reports_the_vm_running()
    {
        var recovered = new MigrationSagaHarness(recoveredIn: MigrationPhase.Transferring);

        // The transfer may have completed while no VRM listened: the source may be paused, its lease given up.
        var paused = recovered.Send(new MigrationInstanceReported(Id, Source, VmPowerState.Stopped, 3));
        var running = recovered.Send(new MigrationInstanceReported(Id, Source, VmPowerState.Running, 3));

        Assert.Equal(MigrationPhase.InDoubt, recovered.Started.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Single(recovered.Started.SentTo<CancelMigration>(SourcePeer));
        Assert.True(paused.IsEmpty);
        AssertRolledBack(running, vmDown: false);
    }

    [Fact]
    public void A_source_that_fails_while_a_recovered_transfer_is_in_doubt_leaves_the_vm_down_for_ha_as_the_target_never_ran()
    {
        var recovered = new MigrationSagaHarness(recoveredIn: MigrationPhase.Transferring);

        var failed = recovered.Send(new MigrationHostFailed(Id, Source));

        AssertRolledBack(failed, vmDown: true);
    }

    [Fact]
    public void A_source_that_fails_in_doubt_after_the_target_was_told_to_resume_changes_nothing()
    {
        _saga.SwitchingOver();
        _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.SwitchOver));

        var failed = _saga.Send(new MigrationHostFailed(Id, Source));

        Assert.True(failed.IsEmpty);
    }

    [Fact]
    public void The_switch_over_records_the_downtime_and_transfer_time_the_source_reported()
    {
        _saga.Prepared();

        var step = _saga.Send(new MigrationProgressReported(Id, MigrationTransferStatus.Completed, 3, 0, 40, 0, null, DowntimeMs: 180, TotalMs: 7_400), SourcePeer);

        var change = step.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.SwitchingOver, 180L, 7_400L), (change.To, change.DowntimeMs, change.TotalMs));
    }

    [Fact]
    public void An_in_doubt_saga_asks_the_source_again_until_a_report_resolves_it()
    {
        // DST seed 31: the source lost its storage as it paused, so it could not take its lease back when first asked.
        _saga.SwitchingOver();
        var doubt = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.SwitchOver));

        var again = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.InDoubtRetry));
        var resolved = _saga.Send(new MigrationInstanceReported(Id, Source, VmPowerState.Running, 3));

        Assert.Contains(doubt.Timers.OfType<StartTimer>(), t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.InDoubtRetry) && t.Delay == TimeSpan.FromSeconds(10));
        Assert.Single(again.SentTo<CancelMigration>(SourcePeer));
        Assert.Contains(again.Timers.OfType<StartTimer>(), t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.InDoubtRetry));
        AssertRolledBack(resolved, vmDown: false);
        Assert.Contains(resolved.Timers, t => t is CancelTimer { Key: var key } && key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.InDoubtRetry));
    }

    [Fact]
    public void An_in_doubt_saga_whose_source_lost_the_vm_asks_the_target_holding_the_whole_memory_to_resume()
    {
        _saga.SwitchingOver();
        _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.SwitchOver));
        _saga.Send(new MigrationInstanceMissing(Id, Source));

        var again = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.InDoubtRetry));
        var resumed = _saga.Send(new MigratedVmResumed(Id, 4), TargetPeer);

        Assert.Equal(4, again.SentTo<ResumeMigratedVm>(TargetPeer).Single().Incarnation);
        Assert.Empty(again.SentTo<CancelMigration>(SourcePeer));
        Assert.Equal(MigrationPhase.Completed, resumed.EventsOf<MigrationPhaseChanged>().Single().To);
    }

    [Fact]
    public void An_in_doubt_saga_whose_two_hosts_lost_the_vm_without_turning_faulty_hands_it_to_ha()
    {
        // DST seed 31 again: both hosts were power-cycled faster than the VRM declares a host Faulty.
        _saga.SwitchingOver();
        _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.SwitchOver));
        var sourceGone = _saga.Send(new MigrationInstanceMissing(Id, Source));

        var step = _saga.Send(new MigrationInstanceMissing(Id, Target));

        Assert.Empty(sourceGone.EventsOf<MigrationPhaseChanged>());
        AssertRolledBack(step, vmDown: true);
    }

    [Fact]
    public void A_target_that_failed_after_taking_the_lease_and_a_source_that_quit_for_want_of_it_hand_the_vm_to_ha()
    {
        // The target took the lease at the switch-over and its host died: the source's run-on is refused for good, it
        // quits its paused instance, and its heartbeat no longer lists the VM. Without this the saga asked the source
        // again every 10 s for ever while the VM ran nowhere.
        _saga.SwitchingOver();
        var cancel = _saga.Send(new MigrationHostFailed(Id, Target)).ReplyTo<CancelMigration>(SourcePeer);
        _saga.Send(new CommandRejected(cancel.CommandId, "storage lease of vm-0001 is held by h-2 (incarnation 4): HeldByAnother"), SourcePeer);

        var step = _saga.Send(new MigrationInstanceMissing(Id, Source));

        AssertRolledBack(step, vmDown: true);
        Assert.Contains("h-2 failed", step.EventsOf<MigrationPhaseChanged>().Single().Why);
    }

    [Fact]
    public void A_recovered_transfer_whose_source_was_fenced_hands_the_vm_to_ha()
    {
        // DST seed 284: a new VRM found the transfer in doubt while both datastores were down and the source fenced the VM.
        var recovered = new MigrationSagaHarness(recoveredIn: MigrationPhase.Transferring);

        var step = recovered.Send(new MigrationInstanceReported(Id, Source, VmPowerState.Crashed, 3));

        AssertRolledBack(step, vmDown: true);
    }

    [Fact]
    public void A_missing_instance_outside_doubt_changes_nothing()
    {
        _saga.SwitchingOver();

        Assert.True(_saga.Send(new MigrationInstanceMissing(Id, Source)).IsEmpty);
    }

    [Fact]
    public void A_saga_a_new_vrm_recovers_during_the_switch_over_is_in_doubt()
    {
        var recovered = new MigrationSagaHarness(recoveredIn: MigrationPhase.SwitchingOver);

        Assert.Equal(MigrationPhase.InDoubt, recovered.Started.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Single(recovered.Started.SentTo<CancelMigration>(SourcePeer));
        Assert.Empty(recovered.Started.SentTo<IHostCommand>(TargetPeer));
    }

    [Fact]
    public void A_late_answer_of_a_phase_already_left_changes_nothing()
    {
        _saga.Prepared();

        var step = _saga.Prepared();

        Assert.True(step.IsEmpty);
        Assert.Null(step.Unhandled);
    }

    [Fact]
    public void An_input_the_saga_has_no_use_for_is_reported_unhandled()
    {
        var step = _saga.Send("stray");

        Assert.Equal("stray", step.Unhandled);
    }

    private static void AssertRolledBack(DecidedStep step, bool vmDown)
    {
        var end = step.EventsOf<MigrationPhaseChanged>().Last();
        Assert.Equal((MigrationPhase.RolledBack, vmDown), (end.To, end.VmDown));
        Assert.Equal(4, step.ReplyTo<DiscardIncomingMigration>(TargetPeer).Incarnation);
        Assert.True(step.Stopped);
        Assert.Contains(step.Timers, t => t is CancelTimer { Key: var key } && key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Progress));
    }
}
