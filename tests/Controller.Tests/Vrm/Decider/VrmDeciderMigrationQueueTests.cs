using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// The one migration queue: a request over a limit waits (phase Requested) rather than being refused, is admitted in
/// priority order then first come first served when room frees up, survives a VRM failover, can be cancelled, and is
/// dropped when its VM stopped.
/// </summary>
public sealed class VrmDeciderMigrationQueueTests
{
    private static readonly Peer Operator = VrmDeciderHarness.Operator;

    [Fact]
    public void A_request_over_the_cluster_limit_is_queued_not_refused_and_nothing_is_reserved_for_it()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 2);
        Admit(vrm, vms[0]);

        var second = vrm.Ask(new MigrateVm(vms[1], null));

        var view = second.ReplyTo<MigrationView>(Operator);
        Assert.Equal((MigrationPhase.Requested, (HostId?)null), (view.Phase, view.Target));
        Assert.Contains("the most the cluster runs at once (1)", view.LastChange);
        Assert.Equal(view.MigrationId, second.EventsOf<MigrationRequested>().Single().MigrationId);
        Assert.Empty(second.EventsOf<MigrationAdmitted>());
        Assert.DoesNotContain(second.Messages, m => m.Message is PrepareIncomingMigration);
        Assert.Equal(3 * 4096, vrm.Ask(new ListHosts()).ReplyTo<HostList>(Operator).Hosts.Sum(h => h.Allocated.MemoryMb));
    }

    [Fact]
    public void A_queued_request_is_admitted_under_its_own_id_when_the_open_migration_ends()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 2);
        var first = Admit(vrm, vms[0]);
        var queued = vrm.Ask(new MigrateVm(vms[1], null)).ReplyTo<MigrationView>(Operator).MigrationId;

        var ended = vrm.Ask(new MigrationCancelRequested(first));

        var admitted = ended.EventsOf<MigrationAdmitted>().Single();
        Assert.Equal((queued, vms[1]), (admitted.MigrationId, admitted.VmId));
        Assert.Single(ended.Messages, m => m.Message is PrepareIncomingMigration p && p.MigrationId == queued);
        Assert.Equal(MigrationPhase.Admitted, vrm.Ask(new GetMigration(queued)).ReplyTo<MigrationView>(Operator).Phase);
    }

    [Fact]
    public void Waiting_requests_are_admitted_by_priority_then_first_come_first_served()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 5);
        var running = Admit(vrm, vms[0]);
        var balancing = Request(vrm, vms[1], MigrationPriority.Balancing);
        var firstOperator = Request(vrm, vms[2], MigrationPriority.Operator);
        var maintenance = Request(vrm, vms[3], MigrationPriority.Maintenance);
        var secondOperator = Request(vrm, vms[4], MigrationPriority.Operator);

        var order = new List<MigrationId>();
        for (var i = 0; i < 4; i++)
        {
            var next = vrm.Ask(new MigrationCancelRequested(running)).EventsOf<MigrationAdmitted>().Single().MigrationId;
            order.Add(next);
            running = next;
        }

        Assert.Equal([maintenance, firstOperator, secondOperator, balancing], order);
    }

    [Fact]
    public void The_list_shows_open_migrations_then_the_queue_in_admission_order_with_their_priority()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 3);
        var open = Admit(vrm, vms[0]);
        var later = Request(vrm, vms[1], MigrationPriority.Balancing);
        var sooner = Request(vrm, vms[2], MigrationPriority.Maintenance);

        var list = vrm.Ask(new ListMigrations()).ReplyTo<MigrationList>(Operator).Migrations;

        Assert.Equal([open, sooner, later], list.Select(m => m.MigrationId));
        Assert.Equal([MigrationPhase.Admitted, MigrationPhase.Requested, MigrationPhase.Requested], list.Select(m => m.Phase));
        Assert.Equal(MigrationPriority.Maintenance, list[1].Priority);
    }

    [Fact]
    public void A_third_move_out_of_one_host_waits_for_the_outbound_limit()
    {
        var (vrm, vms) = Cluster(new VrmSettings(), 3);
        Admit(vrm, vms[0]);
        Admit(vrm, vms[1]);

        var third = vrm.Ask(new MigrateVm(vms[2], null)).ReplyTo<MigrationView>(Operator);

        Assert.Equal(MigrationPhase.Requested, third.Phase);
        Assert.Contains("2 migration(s) leaving h-1, the most a host sends at once", third.LastChange);
    }

    [Fact]
    public void A_move_to_a_host_at_its_in_and_out_limit_waits_and_goes_once_that_host_is_free()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxMigrationsPerHost = 1 }, 2);
        var first = vrm.Ask(new MigrateVm(vms[0], HostId.From("h-2"))).EventsOf<MigrationAdmitted>().Single().MigrationId;

        var toBusy = vrm.Ask(new MigrateVm(vms[1], HostId.From("h-3"))).ReplyTo<MigrationView>(Operator);
        var freed = vrm.Ask(new MigrationCancelRequested(first));

        // Its source h-1 takes part in one migration already: the per-host limit counts leaving and arriving alike.
        Assert.Equal(MigrationPhase.Requested, toBusy.Phase);
        Assert.Contains("h-1 takes part in 1 migration(s)", toBusy.LastChange);
        Assert.Equal((toBusy.MigrationId, HostId.From("h-3")), freed.EventsOf<MigrationAdmitted>().Select(a => (a.MigrationId, a.Target)).Single());
    }

    [Fact]
    public void A_named_target_at_its_limit_makes_the_request_wait_naming_that_host()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxMigrationsPerHost = 1, MaxOutboundMigrationsPerHost = 5 }, 1);
        var other = OnHost(vrm, "h-2", "db-1");
        vrm.Ask(new MigrateVm(vms[0], HostId.From("h-3")));

        var waiting = vrm.Ask(new MigrateVm(other, HostId.From("h-3"))).ReplyTo<MigrationView>(Operator);

        Assert.Equal((MigrationPhase.Requested, HostId.From("h-3")), (waiting.Phase, waiting.Target!.Value));
        Assert.Contains("h-3 takes part in 1 migration(s)", waiting.LastChange);
    }

    [Fact]
    public void A_move_of_a_vm_on_a_busy_datastore_waits_for_the_datastore_limit()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxMigrationsPerDatastore = 1 }, 2);
        Admit(vrm, vms[0]);

        var second = vrm.Ask(new MigrateVm(vms[1], null)).ReplyTo<MigrationView>(Operator);

        Assert.Equal(MigrationPhase.Requested, second.Phase);
        Assert.Contains("datastore ds-1", second.LastChange);
    }

    [Fact]
    public void A_request_no_host_could_ever_take_is_still_refused_at_once()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 2, extraHosts: []);

        var failure = vrm.Ask(new MigrateVm(vms[0], null)).ReplyTo<AdminFailure>(Operator);

        Assert.Equal(AdminFailureKind.Conflict, failure.Kind);
        Assert.Contains("no host can take", failure.Error.Message);
        Assert.Empty(vrm.Ask(new ListMigrations()).ReplyTo<MigrationList>(Operator).Migrations);
    }

    [Fact]
    public void A_vm_already_waiting_in_the_queue_is_not_queued_twice()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 2);
        Admit(vrm, vms[0]);
        var queued = Request(vrm, vms[1], MigrationPriority.Operator);

        var again = vrm.Ask(new MigrateVm(vms[1], null));

        Assert.Empty(again.Events);
        Assert.Contains(queued.Value, again.ReplyTo<AdminFailure>(Operator).Error.Message);
    }

    [Fact]
    public void The_queue_survives_a_snapshot_and_the_successor_admits_it_once_room_frees_up()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1, SnapshotEvery = 1 }, 3);
        var open = Admit(vrm, vms[0]);
        var first = Request(vrm, vms[1], MigrationPriority.Operator);
        var second = Request(vrm, vms[2], MigrationPriority.Operator);
        var snapshot = (InventorySnapshot)vrm.Steps[vrm.LastSnapshotStep()].Snapshot!;

        var successor = new VrmDeciderHarness(vrm.Settings, recover: d => d.RecoverSnapshot(snapshot));

        // The open migration was only admitted: the successor rolls it back at once, which frees room for the first.
        Assert.Equal([first, second], snapshot.MigrationQueue!.Select(q => q.Request.MigrationId));
        Assert.Equal((open, MigrationPhase.RolledBack), successor.Started.EventsOf<MigrationPhaseChanged>().Select(c => (c.MigrationId, c.To)).First());
        Assert.Equal(first, successor.Started.EventsOf<MigrationAdmitted>().Single().MigrationId);
        Assert.Equal(MigrationPhase.Requested, successor.Ask(new GetMigration(second)).ReplyTo<MigrationView>(Operator).Phase);
    }

    [Fact]
    public void A_vrm_replaying_the_journal_holds_the_same_queue_and_numbers_the_next_request_after_it()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 4);
        Admit(vrm, vms[0]);
        var balancing = Request(vrm, vms[1], MigrationPriority.Balancing);
        var maintenance = Request(vrm, vms[2], MigrationPriority.Maintenance);
        var events = vrm.AllEvents.ToList();

        var successor = new VrmDeciderHarness(vrm.Settings, recover: d => events.ForEach(d.Recover));
        var next = successor.Ask(new MigrateVm(vms[3], null)).EventsOf<MigrationRequested>().Single();

        var admittedFirst = successor.Started.EventsOf<MigrationAdmitted>().Single().MigrationId;
        Assert.Equal(maintenance, admittedFirst);
        Assert.Equal([next.MigrationId, balancing], successor.Ask(new ListMigrations()).ReplyTo<MigrationList>(Operator).Migrations.Where(m => m.Phase == MigrationPhase.Requested).Select(m => m.MigrationId));
        Assert.Equal(MigrationId.From("mig-0004"), next.MigrationId);
    }

    [Fact]
    public void An_operator_cancels_a_queued_request_which_fails_without_ever_being_admitted()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 2);
        var open = Admit(vrm, vms[0]);
        var queued = Request(vrm, vms[1], MigrationPriority.Operator);

        var cancel = vrm.Ask(new MigrationCancelRequested(queued));
        var ended = vrm.Ask(new MigrationCancelRequested(open));

        Assert.True(cancel.ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
        Assert.Equal(new MigrationPhaseChanged(queued, MigrationPhase.Requested, MigrationPhase.Failed, VrmMigrations.CancelledBeforeAdmission), cancel.EventsOf<MigrationPhaseChanged>().Single());
        var view = vrm.Ask(new GetMigration(queued)).ReplyTo<MigrationView>(Operator);
        Assert.Equal((MigrationPhase.Failed, VrmMigrations.CancelledBeforeAdmission), (view.Phase, view.LastChange));
        Assert.Empty(ended.EventsOf<MigrationAdmitted>());
        Assert.False(vrm.Ask(new MigrationCancelRequested(queued)).ReplyTo<MigrationCancelAnswer>(Operator).Cancelled);
    }

    [Fact]
    public void A_queued_request_whose_vm_stopped_is_dropped_with_the_reason_when_it_comes_up()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 2);
        var open = Admit(vrm, vms[0]);
        var queued = Request(vrm, vms[1], MigrationPriority.Operator);
        vrm.At(1).Ask(new PowerOffVm(vms[1], Graceful: false));
        vrm.At(2).Beat("h-1", new VmRuntimeReport(vms[0], VmPowerState.Running, 1), new VmRuntimeReport(vms[1], VmPowerState.Stopped, 1));

        var ended = vrm.Ask(new MigrationCancelRequested(open));

        var dropped = ended.EventsOf<MigrationPhaseChanged>().Single(c => c.MigrationId == queued);
        Assert.Equal((MigrationPhase.Requested, MigrationPhase.Failed), (dropped.From, dropped.To));
        Assert.Contains("is Stopped; only a running VM is moved live", dropped.Why);
        Assert.Empty(ended.EventsOf<MigrationAdmitted>());
    }

    [Fact]
    public void A_queued_request_whose_named_target_left_normal_is_dropped_when_it_comes_up()
    {
        var (vrm, vms) = Cluster(new VrmSettings { MaxConcurrentMigrations = 1 }, 2);
        var open = Admit(vrm, vms[0]);
        var queued = vrm.Ask(new MigrateVm(vms[1], HostId.From("h-3"))).ReplyTo<MigrationView>(Operator).MigrationId;
        for (var t = 10; t <= 30; t += 10)
        {
            vrm.At(t).Beat("h-1", [.. vms.Select(vm => new VmRuntimeReport(vm, VmPowerState.Running, 1))]);
            vrm.Beat("h-2");
        }

        vrm.At(31).Tick();
        var ended = vrm.Ask(new MigrationCancelRequested(open));

        Assert.Contains("the named target h-3 is Faulty", ended.EventsOf<MigrationPhaseChanged>().Single(c => c.MigrationId == queued).Why);
    }

    private static MigrationId Admit(VrmDeciderHarness vrm, VmId vm) =>
        vrm.Ask(new MigrateVm(vm, null)).EventsOf<MigrationAdmitted>().Single().MigrationId;

    private static MigrationId Request(VrmDeciderHarness vrm, VmId vm, MigrationPriority priority) =>
        vrm.Ask(new MigrateVm(vm, null, Priority: priority)).EventsOf<MigrationRequested>().Single().MigrationId;

    /// <summary>
    /// <paramref name="count"/> running VMs all on h-1 (the only host when they started), then the other hosts
    /// registered empty (h-2 and h-3 unless <paramref name="extraHosts"/> says otherwise).
    /// </summary>
    internal static (VrmDeciderHarness Vrm, List<VmId> Vms) Cluster(VrmSettings settings, int count, string[]? extraHosts = null)
    {
        var vrm = new VrmDeciderHarness(settings);
        vrm.Register("h-1");
        vrm.Ask(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
        var vms = new List<VmId>();
        for (var i = 1; i <= count; i++)
        {
            vms.Add(Start(vrm, $"web-{i}"));
        }

        vrm.Beat("h-1", [.. vms.Select(vm => new VmRuntimeReport(vm, VmPowerState.Running, 1))]);
        foreach (var host in extraHosts ?? ["h-2", "h-3"])
        {
            vrm.Register(host);
        }

        return (vrm, vms);
    }

    /// <summary>Creates a VM and starts it; it goes to the least loaded host, which the caller arranges.</summary>
    internal static VmId Start(VrmDeciderHarness vrm, string name)
    {
        var created = vrm.Ask(new CreateVm(new CreateVmRequest(name, 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)]))).ReplyTo<VmView>(Operator);
        vrm.Ask(new PowerOnVm(created.VmId));
        return created.VmId;
    }

    /// <summary>A VM started while <paramref name="host"/> is the emptiest host, reported running there.</summary>
    private static VmId OnHost(VrmDeciderHarness vrm, string host, string name)
    {
        var vm = Start(vrm, name);
        Assert.Equal(HostId.From(host), vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(Operator).Host);
        vrm.Beat(host, new VmRuntimeReport(vm, VmPowerState.Running, 1));
        return vm;
    }
}
