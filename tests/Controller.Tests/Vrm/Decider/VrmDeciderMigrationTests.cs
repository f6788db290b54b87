using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>The VRM admits a live migration, hosts its saga, moves the VM when it completes, and keeps HA away from it until it ends.</summary>
public sealed class VrmDeciderMigrationTests
{
    private readonly VrmDeciderHarness _vrm = new();

    [Fact]
    public void A_migration_is_admitted_to_the_other_host_which_is_asked_to_prepare_the_next_incarnation()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var step = _vrm.Ask(new MigrateVm(vm, null));

        var admitted = step.EventsOf<MigrationAdmitted>().Single();
        Assert.Equal((vm, host, Other(host), 1L), (admitted.VmId, admitted.Source, admitted.Target, admitted.SourceIncarnation));
        Assert.Equal(2, step.SentTo<PrepareIncomingMigration>(VrmDeciderHarness.HostPeer(Other(host).Value)).Single().Incarnation);
        Assert.Equal(MigrationPhase.Admitted, step.ReplyTo<MigrationView>(VrmDeciderHarness.Operator).Phase);
    }

    [Fact]
    public void The_target_holds_the_vms_resources_while_the_migration_is_open()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        _vrm.Ask(new MigrateVm(vm, null));

        var target = _vrm.Ask(new GetHost(Other(host))).ReplyTo<HostView>(VrmDeciderHarness.Operator);

        Assert.Equal(4096, target.Allocated.MemoryMb);
    }

    [Fact]
    public void A_completed_migration_moves_the_vm_to_the_target_as_its_next_incarnation_and_releases_the_reservation()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);

        var done = Complete(id, Other(host));

        Assert.Equal(new VmMigrated(vm, host, Other(host), 2, id, _vrm.Now), done.EventsOf<VmMigrated>().Single());
        Assert.Single(done.SentTo<QuitMigratedSource>(VrmDeciderHarness.HostPeer(host.Value)));
        var view = _vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator);
        Assert.Equal((Other(host), 2L, VmPowerState.Running), (view.Host!.Value, view.Incarnation, view.PowerState));
        Assert.Equal(0, _vrm.Ask(new GetHost(host)).ReplyTo<HostView>(VrmDeciderHarness.Operator).Allocated.MemoryMb);
    }

    [Fact]
    public void Reports_of_the_paused_incoming_instance_raise_no_unexpected_vm_alarm()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        Admit(vm);

        var beat = _vrm.Beat(Other(host).Value, new VmRuntimeReport(vm, VmPowerState.Starting, 2));

        Assert.Empty(beat.EventsOf<AlarmRaised>());
        Assert.Empty(beat.Events);
    }

    [Fact]
    public void The_source_failing_mid_transfer_rolls_back_and_ha_takes_the_vm_in_the_same_step()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);
        _vrm.Send(new IncomingMigrationPrepared(id, "tcp:h-2:49152"), VrmDeciderHarness.HostPeer(Other(host).Value));

        var faulty = FailHost(host);

        var end = faulty.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.RolledBack, true), (end.To, end.VmDown));
        var read = faulty.Effects.OfType<ReadStorageLeases>().Single();
        Assert.Equal(vm, read.Candidates.Single().VmId);
    }

    [Fact]
    public void A_switch_over_whose_target_failed_is_in_doubt_and_the_source_is_asked_to_run_on()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);
        var source = VrmDeciderHarness.HostPeer(host.Value);
        _vrm.Send(new IncomingMigrationPrepared(id, "tcp:target:49152"), VrmDeciderHarness.HostPeer(Other(host).Value));
        _vrm.Send(new MigrationProgressReported(id, MigrationTransferStatus.Completed, 2, 0, 1, 0, null), source);

        var doubt = FailHost(Other(host));
        var resumed = _vrm.At(32).Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Running, 1));

        Assert.Equal(MigrationPhase.InDoubt, doubt.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Single(doubt.SentTo<CancelMigration>(source));
        Assert.Equal(MigrationPhase.RolledBack, resumed.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Equal((host, VmPowerState.Running), (_vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator).Host!.Value, VmPowerState.Running));
    }

    [Fact]
    public void A_report_from_the_source_mid_migration_is_left_to_its_saga_rather_than_adopted()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        Admit(vm);

        var beat = _vrm.At(1).Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Crashed, 1));

        Assert.Empty(beat.Events);
        Assert.Equal(VmPowerState.Running, _vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator).PowerState);
    }

    [Fact]
    public void A_vrm_recovered_mid_transfer_rolls_the_migration_back_once_the_source_reports_the_vm_running()
    {
        var (successor, id, vm, host) = RecoveredMidTransfer();

        var paused = successor.At(1).Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Stopped, 1));
        var running = successor.At(2).Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Running, 1));

        Assert.Equal(MigrationPhase.InDoubt, successor.Started.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Empty(paused.Events);
        Assert.Equal(MigrationPhase.RolledBack, running.EventsOf<MigrationPhaseChanged>().Single().To);
        Assert.Equal(MigrationPhase.RolledBack, successor.Ask(new GetMigration(id)).ReplyTo<MigrationView>(VrmDeciderHarness.Operator).Phase);
        Assert.Equal(VmPowerState.Running, successor.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator).PowerState);
    }

    [Fact]
    public void A_vrm_recovered_mid_transfer_tells_the_source_to_run_on_once_it_hears_from_it()
    {
        var (successor, id, _, host) = RecoveredMidTransfer();

        var source = successor.At(1).Beat(host.Value);

        Assert.DoesNotContain(successor.Started.Messages, m => m.Message is IHostCommand);
        Assert.IsType<HostRegistrationAccepted>(source.Messages[0].Message);
        Assert.Equal(id, source.ReplyTo<CancelMigration>(VrmDeciderHarness.HostPeer(host.Value)).MigrationId);
    }

    [Fact]
    public void A_restart_after_a_rolled_back_migration_takes_an_incarnation_never_issued_so_the_discarded_incoming_instance_is_not_taken_for_it()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);
        var target = Other(host);
        _vrm.Send(new IncomingMigrationPrepared(id, "tcp:h-2:49152"), VrmDeciderHarness.HostPeer(target.Value));
        var read = FailHost(host).Effects.OfType<ReadStorageLeases>().Single();
        var start = _vrm.Send(new StorageLeasesRead([new LeaseCheck(read.Candidates[0], null, null)]), Peer.None).SentTo<StartVm>(VrmDeciderHarness.HostPeer(target.Value)).Single();

        // The target's heartbeat left before it had the start: it still shows the rolled-back incoming instance, paused.
        var stale = _vrm.At(32).Beat(target.Value, new VmRuntimeReport(vm, VmPowerState.Stopped, 2));
        _vrm.Send(new CommandAccepted(start.CommandId), VrmDeciderHarness.HostPeer(target.Value));
        var started = _vrm.At(33).Beat(target.Value, new VmRuntimeReport(vm, VmPowerState.Running, start.Incarnation));

        // 1 ran on the source, 2 was the migration's incoming instance: the restart takes 3.
        Assert.Equal(3, start.Incarnation);
        Assert.Empty(stale.EventsOf<VmPowerStateChanged>());
        Assert.Equal(new VmPowerStateChanged(vm, VmPowerState.Starting, VmPowerState.Running, 3), started.EventsOf<VmPowerStateChanged>().Single());
    }

    [Fact]
    public void A_rolled_back_migrations_incoming_instance_whose_discard_was_lost_is_discarded_when_the_target_still_reports_it()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);
        var target = VrmDeciderHarness.HostPeer(Other(host).Value);
        _vrm.Send(new IncomingMigrationPrepared(id, "tcp:h-2:49152"), target);
        var lost = _vrm.Ask(new MigrationCancelRequested(id)).SentTo<DiscardIncomingMigration>(target).Single();

        // The discard never arrived: the target's heartbeats still show the paused incoming instance.
        var again = _vrm.At(5).Beat(Other(host).Value, new VmRuntimeReport(vm, VmPowerState.Stopped, 2));
        var gone = _vrm.At(8).Beat(Other(host).Value);

        var discard = again.SentTo<DiscardIncomingMigration>(target).Single();
        Assert.Equal((id, vm, 2L), (discard.MigrationId, discard.VmId, discard.Incarnation));
        Assert.NotEqual(lost.CommandId, discard.CommandId);
        Assert.Empty(gone.SentTo<DiscardIncomingMigration>(target));
        Assert.Empty(again.Events);
    }

    [Fact]
    public void A_stopped_definition_that_is_no_rolled_back_incoming_instance_is_left_alone()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);
        _vrm.Send(new IncomingMigrationPrepared(id, "tcp:h-2:49152"), VrmDeciderHarness.HostPeer(Other(host).Value));
        _vrm.Ask(new MigrationCancelRequested(id));

        var step = _vrm.At(5).Beat(Other(host).Value, new VmRuntimeReport(vm, VmPowerState.Stopped, 1));

        Assert.Empty(step.SentTo<IHostCommand>(VrmDeciderHarness.HostPeer(Other(host).Value)));
    }

    [Fact]
    public void A_second_migration_after_a_rolled_back_one_sends_its_target_a_new_incarnation()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var first = Admit(vm);
        _vrm.Ask(new MigrationCancelRequested(first));

        var prepare = _vrm.Ask(new MigrateVm(vm, null)).SentTo<PrepareIncomingMigration>(VrmDeciderHarness.HostPeer(Other(host).Value)).Single();

        Assert.Equal(3, prepare.Incarnation);
    }

    [Fact]
    public void A_second_migration_of_a_migrating_vm_is_refused_with_the_open_one_named()
    {
        var (vm, _) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);

        var again = _vrm.Ask(new MigrateVm(vm, null));

        Assert.Empty(again.Events);
        Assert.Contains(id.Value, again.ReplyTo<AdminFailure>(VrmDeciderHarness.Operator).Error.Message);
    }

    [Fact]
    public void A_migration_to_the_host_the_vm_runs_on_is_refused_naming_the_host_field()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var failure = _vrm.Ask(new MigrateVm(vm, host)).ReplyTo<AdminFailure>(VrmDeciderHarness.Operator);

        Assert.Equal((AdminFailureKind.Invalid, "host"), (failure.Kind, failure.Error.Errors!.Single().Field));
    }

    [Fact]
    public void A_migrating_vm_is_not_stopped_until_its_migration_ends()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);

        var stop = _vrm.Ask(new PowerOffVm(vm, Graceful: true));

        Assert.Empty(stop.Events);
        Assert.Empty(stop.SentTo<StopVm>(VrmDeciderHarness.HostPeer(host.Value)));
        Assert.Contains(id.Value, stop.ReplyTo<AdminFailure>(VrmDeciderHarness.Operator).Error.Message);
    }

    [Fact]
    public void A_stopped_vm_is_not_moved_live()
    {
        _vrm.Register("h-1");
        _vrm.Ask(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
        var vm = _vrm.Ask(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)]))).ReplyTo<VmView>(VrmDeciderHarness.Operator).VmId;

        var failure = _vrm.Ask(new MigrateVm(vm, null)).ReplyTo<AdminFailure>(VrmDeciderHarness.Operator);

        Assert.Equal(AdminFailureKind.Conflict, failure.Kind);
        Assert.Contains("only a running VM", failure.Error.Message);
    }

    [Fact]
    public void An_operator_cancels_an_open_migration_and_the_vm_stays_on_its_source()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var id = Admit(vm);

        var cancel = _vrm.Ask(new MigrationCancelRequested(id));

        Assert.True(cancel.ReplyTo<MigrationCancelAnswer>(VrmDeciderHarness.Operator).Cancelled);
        Assert.Equal(host, _vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator).Host);
        Assert.DoesNotContain(_vrm.Ask(new ListMigrations()).ReplyTo<MigrationList>(VrmDeciderHarness.Operator).Migrations, m => m.Phase != MigrationPhase.RolledBack);
    }

    /// <summary>A successor VRM recovered from a snapshot taken while the migration transferred.</summary>
    private static (VrmDeciderHarness Successor, MigrationId Id, VmId Vm, HostId Source) RecoveredMidTransfer()
    {
        var vrm = new VrmDeciderHarness(new VrmSettings { SnapshotEvery = 1 });
        var (vm, host) = vrm.ClusterWithRunningVm();
        var id = vrm.Ask(new MigrateVm(vm, null)).EventsOf<MigrationAdmitted>().Single().MigrationId;
        vrm.Send(new IncomingMigrationPrepared(id, "tcp:h-2:49152"), VrmDeciderHarness.HostPeer(Other(host).Value));
        var snapshot = vrm.Steps[vrm.LastSnapshotStep()].Snapshot!;
        return (new VrmDeciderHarness(vrm.Settings, recover: d => d.RecoverSnapshot(snapshot)), id, vm, host);
    }

    private static HostId Other(HostId host) => HostId.From(host.Value == "h-1" ? "h-2" : "h-1");

    private MigrationId Admit(VmId vm) => _vrm.Ask(new MigrateVm(vm, null)).EventsOf<MigrationAdmitted>().Single().MigrationId;

    private DecidedStep Complete(MigrationId id, HostId target)
    {
        var source = VrmDeciderHarness.HostPeer(Other(target).Value);
        _vrm.Send(new IncomingMigrationPrepared(id, "tcp:target:49152"), VrmDeciderHarness.HostPeer(target.Value));
        _vrm.Send(new MigrationProgressReported(id, MigrationTransferStatus.Completed, 2, 0, 1, 0, null), source);
        return _vrm.Send(new MigratedVmResumed(id, 2), VrmDeciderHarness.HostPeer(target.Value));
    }

    /// <summary>Keeps the other host beating and lets <paramref name="host"/> fall silent until it is Faulty.</summary>
    private DecidedStep FailHost(HostId host)
    {
        for (var t = 10; t <= 30; t += 10)
        {
            _vrm.At(t).Beat(Other(host).Value);
        }

        return _vrm.At(31).Tick();
    }
}
