using Cluster.Controller.Alarms;
using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// Maintenance mode: the host stops being a target, its running VMs leave through the migration queue at Maintenance
/// priority, it turns Maintenance once empty, its silence then calls no HA; a VM that cannot leave blocks it with the
/// reason; the operator can cancel; a VRM taking over goes on with the evacuation.
/// </summary>
public sealed class VrmDeciderMaintenanceTests
{
    private static readonly Peer Operator = VrmDeciderHarness.Operator;
    private static readonly HostId H1 = HostId.From("h-1");

    [Fact]
    public void Entering_maintenance_queues_a_maintenance_move_for_every_running_vm_to_another_host()
    {
        var (vrm, vms) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 3);

        var enter = vrm.Ask(new EnterMaintenance(H1));

        Assert.Equal(new HostStateChanged(H1, HostState.Normal, HostState.EnteringMaintenance, "maintenance requested by an operator"), enter.EventsOf<HostStateChanged>().Single());
        var requests = enter.EventsOf<MigrationRequested>().ToList();
        Assert.Equal(vms.Order(), requests.Select(r => r.VmId).Order());
        Assert.All(requests, r => Assert.Equal((MigrationPriority.Maintenance, H1), (r.Priority, r.Source)));
        Assert.All(requests, r => Assert.NotEqual(H1, r.Target));
        // Two leave at once (the outbound limit); the third waits in the queue.
        Assert.Equal(2, enter.EventsOf<MigrationAdmitted>().Count());
        var view = enter.ReplyTo<HostView>(Operator);
        Assert.Equal(HostState.EnteringMaintenance, view.State);
        Assert.StartsWith("entering maintenance: 3 VM(s) left on it", view.Maintenance);
    }

    [Fact]
    public void The_host_turns_maintenance_when_its_last_vm_has_moved_off_and_none_was_restarted()
    {
        var (vrm, vms) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 3);
        vrm.Ask(new EnterMaintenance(H1));

        var steps = CompleteEveryOpenMigration(vrm);

        var last = steps[^1];
        Assert.Equal(new HostStateChanged(H1, HostState.EnteringMaintenance, HostState.Maintenance, "evacuated: no VM is left on it"), last.EventsOf<HostStateChanged>().Single());
        Assert.Equal(3, steps.Sum(s => s.EventsOf<VmMigrated>().Count()));
        Assert.DoesNotContain(vrm.AllEvents, e => e is HaRestartPlanned);
        Assert.All(vms, vm => Assert.NotEqual(H1, vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(Operator).Host));
    }

    [Fact]
    public void A_host_entering_maintenance_is_no_placement_target()
    {
        var (vrm, _) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 1);
        vrm.Ask(new EnterMaintenance(HostId.From("h-2")));

        var vm = VrmDeciderMigrationQueueTests.Start(vrm, "db-1");

        // h-2 is empty and, on a tie, first by id: placement would have chosen it.
        Assert.Equal(HostId.From("h-3"), vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(Operator).Host);
    }

    [Fact]
    public void An_empty_host_is_in_maintenance_at_once_and_a_start_that_only_it_could_take_is_refused_naming_its_state()
    {
        var vrm = new VrmDeciderHarness();
        vrm.Register("h-1");
        vrm.Ask(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));

        var enter = vrm.Ask(new EnterMaintenance(H1));
        var created = vrm.Ask(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)]))).ReplyTo<VmView>(Operator);
        var start = vrm.Ask(new PowerOnVm(created.VmId));

        Assert.Equal([HostState.EnteringMaintenance, HostState.Maintenance], enter.EventsOf<HostStateChanged>().Select(c => c.To));
        Assert.Equal(HostState.Maintenance, enter.ReplyTo<HostView>(Operator).State);
        Assert.Contains("Maintenance", start.ReplyTo<AdminFailure>(Operator).Error.Message);
    }

    [Fact]
    public void A_host_in_maintenance_that_falls_silent_is_not_faulty_and_calls_no_ha()
    {
        var (vrm, _) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 2);
        vrm.Ask(new EnterMaintenance(H1));
        CompleteEveryOpenMigration(vrm);

        for (var t = 10; t <= 40; t += 10)
        {
            vrm.At(t).Beat("h-2");
            vrm.Beat("h-3");
            vrm.Tick();
        }

        Assert.Equal(HostState.Maintenance, vrm.Ask(new GetHost(H1)).ReplyTo<HostView>(Operator).State);
        Assert.DoesNotContain(vrm.AllEvents, e => e is HostStateChanged { To: HostState.Faulty } or AlarmRaised);
    }

    [Fact]
    public void A_vm_no_other_host_can_take_blocks_the_enter_with_the_reason_in_the_host_view_and_an_alarm()
    {
        var (vrm, vms) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 1, extraHosts: []);

        var enter = vrm.Ask(new EnterMaintenance(H1));

        Assert.Empty(enter.EventsOf<MigrationRequested>());
        var alarm = enter.EventsOf<AlarmRaised>().Single();
        Assert.Equal((AlarmKinds.MaintenanceBlocked, AlarmObject.Host(H1)), (alarm.Kind, alarm.Object));
        Assert.Contains($"{vms[0]}: no host can take", alarm.Text);
        var view = vrm.Ask(new GetHost(H1)).ReplyTo<HostView>(Operator);
        Assert.Equal(HostState.EnteringMaintenance, view.State);
        Assert.Contains("blocked: host h-1 cannot finish entering maintenance", view.Maintenance);
    }

    [Fact]
    public void A_blocked_enter_goes_on_once_a_host_that_can_take_the_vm_joins()
    {
        var (vrm, vms) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 1, extraHosts: []);
        vrm.Ask(new EnterMaintenance(H1));

        var joined = vrm.Register("h-2");

        Assert.Equal((vms[0], HostId.From("h-2")), joined.EventsOf<MigrationAdmitted>().Select(a => (a.VmId, a.Target)).Single());
        Assert.Single(joined.EventsOf<AlarmCleared>());
    }

    [Fact]
    public void Exit_while_entering_cancels_queued_moves_and_lets_open_migrations_run_to_their_end()
    {
        var (vrm, _) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 3);
        var enter = vrm.Ask(new EnterMaintenance(H1));
        var queued = enter.EventsOf<MigrationRequested>().Select(r => r.MigrationId).Except(enter.EventsOf<MigrationAdmitted>().Select(a => a.MigrationId)).Single();

        var exit = vrm.Ask(new ExitMaintenance(H1));

        Assert.Equal(new MigrationPhaseChanged(queued, MigrationPhase.Requested, MigrationPhase.Failed, "maintenance of h-1 cancelled by the operator"), exit.EventsOf<MigrationPhaseChanged>().Single());
        Assert.Equal(HostState.Normal, exit.ReplyTo<HostView>(Operator).State);
        var list = vrm.Ask(new ListMigrations()).ReplyTo<MigrationList>(Operator).Migrations;
        Assert.Equal(2, list.Count(m => m.Phase == MigrationPhase.Admitted));
        Assert.Empty(CompleteEveryOpenMigration(vrm).SelectMany(s => s.EventsOf<HostStateChanged>()));
    }

    [Fact]
    public void A_rolled_back_move_is_retried_and_after_the_last_attempt_blocks_with_the_reason()
    {
        var (vrm, vms) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings { MaxEvacuationAttempts = 2 }, 1);
        var first = vrm.Ask(new EnterMaintenance(H1)).EventsOf<MigrationAdmitted>().Single().MigrationId;

        var retried = vrm.Ask(new MigrationCancelRequested(first));
        var second = retried.EventsOf<MigrationAdmitted>().Single().MigrationId;
        var gaveUp = vrm.Ask(new MigrationCancelRequested(second));

        Assert.Equal(vms[0], retried.EventsOf<MigrationRequested>().Single().VmId);
        Assert.Empty(gaveUp.EventsOf<MigrationRequested>());
        Assert.Contains("its move was tried 2 times and did not complete (last RolledBack", gaveUp.EventsOf<AlarmRaised>().Single().Text);
        Assert.Equal(HostState.EnteringMaintenance, vrm.Ask(new GetHost(H1)).ReplyTo<HostView>(Operator).State);
    }

    [Fact]
    public void A_vrm_taking_over_mid_evacuation_goes_on_from_the_journal_and_the_host_ends_in_maintenance()
    {
        var (vrm, _) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 2);
        var enter = vrm.Ask(new EnterMaintenance(H1));
        var interrupted = enter.EventsOf<MigrationAdmitted>().Single();
        var events = vrm.AllEvents.ToList();

        var successor = new VrmDeciderHarness(vrm.Settings, recover: d => events.ForEach(d.Recover));
        var steps = CompleteEveryOpenMigration(successor);

        // The move it found only admitted rolls back; the waiting one goes, and the rolled-back VM is asked for again.
        Assert.Contains(successor.Started.EventsOf<MigrationPhaseChanged>(), c => c.MigrationId == interrupted.MigrationId && c.To == MigrationPhase.RolledBack);
        Assert.Contains(steps.SelectMany(s => s.EventsOf<MigrationRequested>()).Concat(successor.Started.EventsOf<MigrationRequested>()), r => r.VmId == interrupted.VmId);
        Assert.Equal(HostState.Maintenance, successor.Ask(new GetHost(H1)).ReplyTo<HostView>(Operator).State);
    }

    [Fact]
    public void Exit_from_maintenance_makes_a_heartbeating_host_normal_at_once_and_a_silent_one_at_its_next_heartbeat()
    {
        var (vrm, _) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 0);
        vrm.Ask(new EnterMaintenance(H1));
        vrm.Ask(new EnterMaintenance(HostId.From("h-2")));
        for (var t = 10; t <= 40; t += 10)
        {
            vrm.At(t).Beat("h-2");
            vrm.Beat("h-3");
        }

        var heard = vrm.Ask(new ExitMaintenance(HostId.From("h-2"))).ReplyTo<HostView>(Operator);
        var silent = vrm.Ask(new ExitMaintenance(H1)).ReplyTo<HostView>(Operator);
        var back = vrm.At(41).Beat("h-1");

        Assert.Equal((HostState.Normal, HostState.Connecting), (heard.State, silent.State));
        Assert.Equal(HostState.Normal, back.EventsOf<HostStateChanged>().Single().To);
    }

    [Fact]
    public void Only_a_normal_host_enters_maintenance_and_an_unknown_one_is_not_found()
    {
        var (vrm, _) = VrmDeciderMigrationQueueTests.Cluster(new VrmSettings(), 0);

        var unknown = vrm.Ask(new EnterMaintenance(HostId.From("h-9"))).ReplyTo<AdminFailure>(Operator);
        var notIn = vrm.Ask(new ExitMaintenance(H1)).ReplyTo<AdminFailure>(Operator);

        Assert.Equal((AdminFailureKind.NotFound, "hostId"), (unknown.Kind, unknown.Error.Errors.Single().Field));
        Assert.Equal(AdminFailureKind.Conflict, notIn.Kind);
        Assert.Contains("not in maintenance", notIn.Error.Message);
    }

    /// <summary>Plays the hosts' part for every open migration until none is open; returns the steps, the last one ending the last.</summary>
    private static List<DecidedStep> CompleteEveryOpenMigration(VrmDeciderHarness vrm)
    {
        var steps = new List<DecidedStep>();
        while (vrm.Ask(new ListMigrations()).ReplyTo<MigrationList>(Operator).Migrations.FirstOrDefault(m => m.Phase == MigrationPhase.Admitted) is { } open)
        {
            var target = open.Target!.Value;
            vrm.Send(new IncomingMigrationPrepared(open.MigrationId, $"tcp:{target}:49152"), VrmDeciderHarness.HostPeer(target.Value));
            vrm.Send(new MigrationProgressReported(open.MigrationId, MigrationTransferStatus.Completed, 1, 0, 1, 0, null), VrmDeciderHarness.HostPeer(open.Source.Value));
            // Incarnations are never issued twice: a retried move's target runs a later one than the first attempt's.
            var incarnation = vrm.AllEvents.OfType<MigrationAdmitted>().Last(a => a.MigrationId == open.MigrationId).IncarnationOnTarget;
            steps.Add(vrm.Send(new MigratedVmResumed(open.MigrationId, incarnation), VrmDeciderHarness.HostPeer(target.Value)));
        }

        return steps;
    }
}
