using Cluster.Controller.Migration;
using Cluster.Messages;
using static Cluster.Controller.Tests.Migration.SharedNothingSagaHarness;

namespace Cluster.Controller.Tests.Migration;

/// <summary>A shared-nothing migration (host and datastore at once): its happy path and every failure cell of docs/migration.md's table.</summary>
public sealed class SharedNothingSagaTests
{
    private readonly SharedNothingSagaHarness _saga = new();

    [Fact]
    public void Starting_mirrors_the_disks_to_the_new_datastore_before_the_target_is_asked_for_anything()
    {
        var mirror = _saga.Started.ReplyTo<StartDiskMirror>(SourcePeer);

        Assert.Equal((3L, To), (mirror.Incarnation, mirror.Datastore));
        Assert.Equal(MigrationPhase.Mirroring, _saga.Started.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Empty(_saga.Started.SentTo<IHostCommand>(TargetPeer));
    }

    [Fact]
    public void A_mirror_in_sync_asks_the_target_to_prepare_on_the_new_datastore_with_the_old_one_as_arbiter()
    {
        var step = _saga.InSync();

        var prepare = step.ReplyTo<PrepareIncomingMigration>(TargetPeer);
        Assert.Equal((4L, To, From), (prepare.Incarnation, prepare.Spec.PrimaryDatastore, prepare.ArbiterDatastore));
        Assert.Empty(step.EventsOf<MigrationPhaseChanged>());
        Assert.Empty(_saga.InSync().SentTo<IHostCommand>(TargetPeer));
    }

    [Fact]
    public void A_prepared_target_starts_the_memory_transfer_while_the_mirror_runs_on()
    {
        var step = _saga.Transferring();

        Assert.Equal(3, step.ReplyTo<StartMigration>(SourcePeer).Incarnation);
        Assert.Equal([MigrationPhase.TargetPrepared, MigrationPhase.Transferring], step.EventsOf<MigrationPhaseChanged>().Select(e => e.To));
        Assert.Empty(step.SentTo<CancelDiskMirror>(SourcePeer));
    }

    [Fact]
    public void The_targets_resume_completes_the_saga_moving_both_the_vm_and_its_disks()
    {
        Assert.Equal(4, _saga.SwitchingOver().ReplyTo<ResumeMigratedVm>(TargetPeer).Incarnation);

        var done = _saga.Send(new MigratedVmResumed(Id, 4), TargetPeer);

        Assert.Equal(MigrationPhase.Completed, done.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Equal(3, done.ReplyTo<QuitMigratedSource>(SourcePeer).Incarnation);
        Assert.Equal<IWireMessage>(
            [new VmMigrated(Vm, Source, Target, 4, Id, TestClock.T0), new VmDisksMoved(Vm, From, To, Id, TestClock.T0)],
            _saga.Saga.CompletionEvents(TestClock.T0));
    }

    [Fact]
    public void The_source_dying_while_mirroring_rolls_back_with_the_vm_down_on_its_old_disks()
    {
        var step = _saga.Send(new MigrationHostFailed(Id, Source));

        AssertRolledBack(step, vmDown: true, mirrorCancelled: false);
    }

    [Fact]
    public void The_source_dying_during_the_transfer_rolls_back_with_the_vm_down()
    {
        _saga.Transferring();

        AssertRolledBack(_saga.Send(new MigrationHostFailed(Id, Source)), vmDown: true, mirrorCancelled: false);
    }

    [Fact]
    public void The_target_dying_while_mirroring_stops_the_mirror_and_rolls_back_with_the_source_running()
    {
        var step = _saga.Send(new MigrationHostFailed(Id, Target));

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
        Assert.Empty(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void The_target_dying_during_the_transfer_cancels_the_transfer_and_the_mirror()
    {
        _saga.Transferring();

        var step = _saga.Send(new MigrationHostFailed(Id, Target));

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void The_target_dying_during_the_switch_over_leaves_it_in_doubt_and_asks_the_source_to_run_on()
    {
        _saga.SwitchingOver();

        var step = _saga.Send(new MigrationHostFailed(Id, Target));

        Assert.Equal(MigrationPhase.InDoubt, step.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void The_source_reporting_it_runs_on_after_doubt_rolls_back_and_stops_the_mirror()
    {
        _saga.SwitchingOver();
        _saga.Send(new MigrationHostFailed(Id, Target));

        var step = _saga.Send(new MigrationInstanceReported(Id, Source, VmPowerState.Running, 3));

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
    }

    [Fact]
    public void Both_hosts_failing_in_doubt_after_the_source_was_asked_to_run_on_rolls_back_onto_the_old_disks()
    {
        _saga.SwitchingOver();
        _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.SwitchOver));
        _saga.Send(new MigrationHostFailed(Id, Source));

        var step = _saga.Send(new MigrationHostFailed(Id, Target));

        var end = step.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.RolledBack, true), (end.To, end.VmDown));
    }

    [Fact]
    public void Both_hosts_failing_before_the_source_was_ever_asked_to_run_on_completes_onto_the_new_disks_with_the_vm_down()
    {
        _saga.SwitchingOver();
        _saga.Send(new MigrationHostFailed(Id, Source));
        _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.SwitchOver));

        var step = _saga.Send(new MigrationHostFailed(Id, Target));

        var end = step.EventsOf<MigrationPhaseChanged>().Last();
        Assert.Equal((MigrationPhase.Completed, true), (end.To, end.VmDown));
        Assert.Contains("hold every write", end.Why);
    }

    [Fact]
    public void A_vrm_taking_over_during_the_mirror_stops_it_and_rolls_back()
    {
        var recovered = new SharedNothingSagaHarness(recoveredIn: MigrationPhase.Mirroring);

        var end = recovered.Started.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.RolledBack, false), (end.To, end.VmDown));
        Assert.Single(recovered.Started.SentTo<CancelDiskMirror>(SourcePeer));
        Assert.Single(recovered.Started.SentTo<DiscardIncomingMigration>(TargetPeer));
    }

    [Fact]
    public void A_vrm_taking_over_during_the_transfer_is_in_doubt_and_asks_the_source_to_run_on()
    {
        var recovered = new SharedNothingSagaHarness(recoveredIn: MigrationPhase.Transferring);

        Assert.Equal(MigrationPhase.InDoubt, recovered.Started.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Single(recovered.Started.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void An_operator_cancel_while_mirroring_rolls_back_and_says_so()
    {
        var step = _saga.Send(new MigrationCancelRequested(Id), Operator);

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
        Assert.True(step.ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
    }

    [Fact]
    public void An_operator_cancel_during_the_transfer_cancels_the_transfer_and_the_mirror()
    {
        _saga.Transferring();

        var step = _saga.Send(new MigrationCancelRequested(Id), Operator);

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
        Assert.True(step.ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
    }

    [Fact]
    public void A_cancel_after_the_switch_over_began_is_too_late()
    {
        _saga.SwitchingOver();

        var step = _saga.Send(new MigrationCancelRequested(Id), Operator);

        Assert.False(step.ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
        Assert.Empty(step.EventsOf<MigrationPhaseChanged>());
    }

    [Fact]
    public void A_mirror_never_in_sync_rolls_back_at_the_completion_timeout()
    {
        _saga.Mirror(DiskMirrorState.Running, remainingMb: 30_000);

        var step = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.Completion));

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
        Assert.Contains("30000 MB of 40960 MB not in sync", step.EventsOf<MigrationPhaseChanged>().Single().Why);
    }

    [Fact]
    public void A_memory_transfer_that_does_not_converge_is_cancelled_with_its_mirror()
    {
        _saga.Transferring();

        var step = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.Completion));

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void A_mirror_failing_during_the_transfer_rolls_back_since_the_copy_would_miss_writes()
    {
        _saga.Transferring();

        var step = _saga.Mirror(DiskMirrorState.Failed, error: "I/O error on ds-2");

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
        Assert.Single(step.SentTo<CancelMigration>(SourcePeer));
    }

    [Fact]
    public void A_target_refusing_to_prepare_rolls_back_and_stops_the_mirror()
    {
        var prepare = _saga.InSync().ReplyTo<PrepareIncomingMigration>(TargetPeer);

        var step = _saga.Send(new CommandRejected(prepare.CommandId, "not enough memory"), TargetPeer);

        AssertRolledBack(step, vmDown: false, mirrorCancelled: true);
    }

    private static void AssertRolledBack(DecidedStep step, bool vmDown, bool mirrorCancelled)
    {
        var end = step.EventsOf<MigrationPhaseChanged>().Last();
        Assert.Equal((MigrationPhase.RolledBack, vmDown), (end.To, end.VmDown));
        Assert.Equal(mirrorCancelled, step.SentTo<CancelDiskMirror>(SourcePeer).Any());
        Assert.Equal(4, step.SentTo<DiscardIncomingMigration>(TargetPeer).Single().Incarnation);
        Assert.True(step.Stopped);
    }
}
