using Cluster.Controller.Migration;
using Cluster.Deciders;
using Cluster.Messages;
using static Cluster.Controller.Tests.Migration.StorageMigrationSagaHarness;
using static Cluster.Controller.Tests.Migration.SagaHarnessBase;

namespace Cluster.Controller.Tests.Migration;

/// <summary>A storage migration's happy path, and how each failure while mirroring and while pivoting ends (docs/migration.md's table).</summary>
public sealed class StorageMigrationSagaTests
{
    private readonly StorageMigrationSagaHarness _saga = new();

    [Fact]
    public void Starting_asks_the_vms_host_to_mirror_the_running_incarnations_disks_to_the_target_datastore()
    {
        var mirror = _saga.Started.ReplyTo<StartDiskMirror>(HostPeer);

        Assert.Equal((Epoch, Vm, Id, 3L, To, 200L), (mirror.Epoch, mirror.VmId, mirror.MigrationId, mirror.Incarnation, mirror.Datastore, mirror.MaxSpeedMiBPerSecond));
        Assert.Equal(MigrationPhase.Mirroring, _saga.Started.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Contains(_saga.Started.Timers.OfType<StartTimer>(), t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Completion) && t.Delay == TimeSpan.FromSeconds(30 * 40));
        Assert.Contains(_saga.Started.Timers.OfType<StartTimer>(), t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Progress));
    }

    [Fact]
    public void A_mirror_catching_up_restarts_the_progress_timer_and_is_shown_to_operators()
    {
        var step = _saga.Mirror(DiskMirrorState.Running, remainingMb: 30_000);

        Assert.Empty(step.EventsOf<MigrationPhaseChanged>());
        Assert.Contains(step.Timers.OfType<StartTimer>(), t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Progress));
        Assert.Equal(30_000, _saga.Saga.MirrorProgress?.RemainingMb);
    }

    [Fact]
    public void A_mirror_in_sync_asks_the_host_to_pivot()
    {
        var step = _saga.Pivoting();

        Assert.Equal(MigrationPhase.Pivoting, step.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Equal(3, step.ReplyTo<PivotDiskMirror>(HostPeer).Incarnation);
        Assert.Contains(step.Timers.OfType<StartTimer>(), t => t.Key == MigrationTimedOut.TimerKey(Id, MigrationTimeout.Pivot));
    }

    [Fact]
    public void The_pivot_confirmed_completes_the_saga_and_moves_the_vms_disks_to_the_target_datastore()
    {
        _saga.Pivoting();

        var done = _saga.Pivoted();

        var end = done.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.Completed, false), (end.To, end.VmDown));
        Assert.Empty(done.SentTo<IHostCommand>(HostPeer));
        Assert.True(done.Stopped);
        Assert.Equal(new VmDisksMoved(Vm, From, To, Id, TestClock.T0), Assert.Single(_saga.Saga.CompletionEvents(TestClock.T0)));
    }

    [Fact]
    public void A_failed_mirror_rolls_back_with_the_vm_on_its_old_datastore()
    {
        var step = _saga.Mirror(DiskMirrorState.Failed, error: "I/O error on ds-2");

        AssertRolledBack(step, vmDown: false, cancelled: false);
        Assert.Contains("I/O error on ds-2", step.EventsOf<MigrationPhaseChanged>().Single().Why);
    }

    [Fact]
    public void A_host_refusing_the_mirror_rolls_back()
    {
        var mirror = _saga.Started.ReplyTo<StartDiskMirror>(HostPeer);

        var step = _saga.Send(new CommandRejected(mirror.CommandId, "storage lease of vm-0001 is held by h-9"), HostPeer);

        AssertRolledBack(step, vmDown: false, cancelled: false);
    }

    [Fact]
    public void A_host_refusing_the_pivot_cancels_the_mirror_and_rolls_back()
    {
        var pivot = _saga.Pivoting().ReplyTo<PivotDiskMirror>(HostPeer);

        var step = _saga.Send(new CommandRejected(pivot.CommandId, "the mirror is Running"), HostPeer);

        AssertRolledBack(step, vmDown: false, cancelled: true);
    }

    [Fact]
    public void The_host_failing_during_the_mirror_rolls_back_with_the_vm_down_on_its_old_datastore_for_ha()
    {
        var step = _saga.Send(new MigrationHostFailed(Id, Host));

        AssertRolledBack(step, vmDown: true, cancelled: false);
    }

    [Fact]
    public void The_host_failing_during_the_pivot_completes_the_move_with_the_vm_down_for_ha_on_the_new_datastore()
    {
        _saga.Pivoting();

        var step = _saga.Send(new MigrationHostFailed(Id, Host));

        var end = step.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.Completed, true), (end.To, end.VmDown));
        Assert.True(step.Stopped);
    }

    [Fact]
    public void Another_host_failing_changes_nothing()
    {
        var step = _saga.Send(new MigrationHostFailed(Id, HostId.From("h-2")));

        Assert.Empty(step.EventsOf<MigrationPhaseChanged>());
        Assert.Equal(MigrationPhase.Mirroring, _saga.Saga.Phase);
    }

    [Fact]
    public void An_operator_cancel_while_mirroring_stops_the_mirror_and_rolls_back()
    {
        _saga.Mirror(DiskMirrorState.Running, remainingMb: 30_000);

        var step = _saga.Send(new MigrationCancelRequested(Id), Operator);

        AssertRolledBack(step, vmDown: false, cancelled: true);
        Assert.True(step.ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
    }

    [Fact]
    public void An_operator_cancel_while_pivoting_is_too_late()
    {
        _saga.Pivoting();

        var step = _saga.Send(new MigrationCancelRequested(Id), Operator);

        Assert.False(step.ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
        Assert.Empty(step.EventsOf<MigrationPhaseChanged>());
    }

    [Fact]
    public void A_mirror_that_stops_catching_up_is_cancelled_at_the_progress_timeout_naming_what_is_left()
    {
        _saga.Mirror(DiskMirrorState.Running, remainingMb: 30_000);

        var step = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.Progress));

        AssertRolledBack(step, vmDown: false, cancelled: true);
        Assert.Contains("30000 MB of 40960 MB not in sync", step.EventsOf<MigrationPhaseChanged>().Single().Why);
    }

    [Fact]
    public void A_mirror_not_in_sync_within_the_completion_timeout_is_cancelled()
    {
        var step = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.Completion));

        AssertRolledBack(step, vmDown: false, cancelled: true);
    }

    [Fact]
    public void An_unanswered_pivot_is_asked_again()
    {
        _saga.Pivoting();

        var step = _saga.Send(new MigrationTimedOut(Id, MigrationTimeout.Pivot));

        Assert.Single(step.SentTo<PivotDiskMirror>(HostPeer));
        Assert.Empty(step.EventsOf<MigrationPhaseChanged>());
    }

    [Fact]
    public void A_late_mirror_report_after_the_pivot_was_asked_changes_nothing()
    {
        _saga.Pivoting();

        var step = _saga.Mirror(DiskMirrorState.Running, remainingMb: 10);

        Assert.Empty(step.EventsOf<MigrationPhaseChanged>());
        Assert.Empty(step.SentTo<IHostCommand>(HostPeer));
    }

    [Theory]
    [InlineData(MigrationPhase.Admitted)]
    [InlineData(MigrationPhase.Mirroring)]
    public void A_vrm_that_took_over_before_the_pivot_stops_the_mirror_and_rolls_back(MigrationPhase phase)
    {
        var recovered = new StorageMigrationSagaHarness(recoveredIn: phase);

        AssertRolledBack(recovered.Started, vmDown: false, cancelled: true);
    }

    [Fact]
    public void A_vrm_that_took_over_during_the_pivot_asks_for_it_again_and_completes_on_its_answer()
    {
        var recovered = new StorageMigrationSagaHarness(recoveredIn: MigrationPhase.Pivoting);
        Assert.Single(recovered.Started.SentTo<PivotDiskMirror>(HostPeer));

        var done = recovered.Pivoted();

        Assert.Equal(MigrationPhase.Completed, done.EventsOf<MigrationPhaseChanged>().Single().To);
    }

    private static void AssertRolledBack(DecidedStep step, bool vmDown, bool cancelled)
    {
        var end = step.EventsOf<MigrationPhaseChanged>().Last();
        Assert.Equal((MigrationPhase.RolledBack, vmDown), (end.To, end.VmDown));
        Assert.Equal(cancelled ? 1 : 0, step.SentTo<CancelDiskMirror>(HostPeer).Count());
        Assert.Empty(step.SentTo<DiscardIncomingMigration>(HostPeer));
        Assert.True(step.Stopped);
    }
}
