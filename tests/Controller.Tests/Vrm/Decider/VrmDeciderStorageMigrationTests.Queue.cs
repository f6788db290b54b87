using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// Moves of disks wait in the one queue like live moves: over a limit a storage, shared-nothing or cold move is
/// Requested (its kind and datastore shown), admitted as that kind when room frees up, survives a VRM failover, and is
/// dropped with the reason when what it needs is gone by its turn.
/// </summary>
public sealed partial class VrmDeciderStorageMigrationTests
{
    [Fact]
    public void A_storage_move_over_the_cluster_limit_waits_and_is_admitted_as_a_mirror_on_its_host_when_the_open_move_ends()
    {
        var (open, vm, host) = OneMigrationOpenOfAtMostOne();

        var asked = _vrm.Ask(new MigrateVm(vm, null, Datastore: Ds2));
        var ended = _vrm.Ask(new MigrationCancelRequested(open));

        var view = asked.ReplyTo<MigrationView>(VrmDeciderHarness.Operator);
        Assert.Equal((MigrationPhase.Requested, MigrationKind.Storage, (DatastoreId?)Ds1, (DatastoreId?)Ds2), (view.Phase, view.Kind, view.FromDatastore, view.Datastore));
        Assert.Contains("the most the cluster runs at once (1)", view.LastChange);
        var admitted = ended.EventsOf<MigrationAdmitted>().Single();
        Assert.Equal((view.MigrationId, MigrationKind.Storage, host, host, (DatastoreId?)Ds2), (admitted.MigrationId, admitted.Kind, admitted.Source, admitted.Target, admitted.Datastore));
        Assert.Equal(Ds2, ended.SentTo<StartDiskMirror>(VrmDeciderHarness.HostPeer(host.Value)).Single().Datastore);
    }

    [Fact]
    public void A_shared_nothing_move_waits_in_the_queue_and_a_new_vrm_that_rolled_back_the_open_move_admits_it_to_its_named_host_and_datastore()
    {
        var (open, vm, host) = OneMigrationOpenOfAtMostOne();
        var target = OtherHost(host);
        var requested = _vrm.Ask(new MigrateVm(vm, target, Datastore: Ds2)).EventsOf<MigrationRequested>().Single();
        var events = _vrm.AllEvents.ToList();

        var successor = new VrmDeciderHarness(_vrm.Settings, recover: d => events.ForEach(d.Recover));

        Assert.Equal((MigrationKind.SharedNothing, (DatastoreId?)Ds2), (requested.Kind, requested.Datastore));
        Assert.Equal(MigrationPhase.RolledBack, successor.Ask(new GetMigration(open)).ReplyTo<MigrationView>(VrmDeciderHarness.Operator).Phase);
        var admitted = successor.Started.EventsOf<MigrationAdmitted>().Single();
        Assert.Equal((requested.MigrationId, MigrationKind.SharedNothing, host, target, (DatastoreId?)Ds2), (admitted.MigrationId, admitted.Kind, admitted.Source, admitted.Target, admitted.Datastore));
    }

    [Fact]
    public void A_cold_move_waits_for_room_and_is_copied_once_admitted_but_dropped_if_the_vm_was_started_meanwhile()
    {
        var (open, _, _) = OneMigrationOpenOfAtMostOne();
        var copied = CreateStopped();
        var started = _vrm.Ask(new CreateVm(new CreateVmRequest("cold-2", 1, 1024, [new VmDisk(Ds1, 10)]))).ReplyTo<VmView>(VrmDeciderHarness.Operator).VmId;
        var first = _vrm.Ask(new MigrateVm(copied, null, Datastore: Ds2)).ReplyTo<MigrationView>(VrmDeciderHarness.Operator);
        var second = _vrm.Ask(new MigrateVm(started, null, Datastore: Ds2)).EventsOf<MigrationRequested>().Single();
        _vrm.Ask(new PowerOnVm(started));

        var ended = _vrm.Ask(new MigrationCancelRequested(open));

        Assert.Equal((MigrationPhase.Requested, MigrationKind.Cold), (first.Phase, first.Kind));
        var admitted = ended.EventsOf<MigrationAdmitted>().Single();
        Assert.Equal((first.MigrationId, MigrationKind.Cold), (admitted.MigrationId, admitted.Kind));
        Assert.Equal(Ds2, ended.SentTo<CopyVmDisks>(VrmDeciderHarness.HostPeer(admitted.Source.Value)).Single().Datastore);
        var dropped = ended.EventsOf<MigrationPhaseChanged>().Single(c => c.MigrationId == second.MigrationId);
        Assert.Equal((MigrationPhase.Requested, MigrationPhase.Failed), (dropped.From, dropped.To));
        Assert.Contains("its disks were to move while it was stopped", dropped.Why);
    }

    [Fact]
    public void A_waiting_storage_move_whose_datastore_filled_up_meanwhile_is_dropped_naming_the_datastore()
    {
        var (open, vm, _) = OneMigrationOpenOfAtMostOne(ds2CapacityGb: 60);
        var waiting = _vrm.Ask(new MigrateVm(vm, null, Datastore: Ds2)).EventsOf<MigrationRequested>().Single();
        StartVm("log-1", Ds2, 40);

        var ended = _vrm.Ask(new MigrationCancelRequested(open));

        Assert.Empty(ended.EventsOf<MigrationAdmitted>());
        var dropped = ended.EventsOf<MigrationPhaseChanged>().Single(c => c.MigrationId == waiting.MigrationId);
        Assert.Equal(MigrationPhase.Failed, dropped.To);
        Assert.Contains("datastore ds-2 has 20 GB left to provision", dropped.Why);
    }

    /// <summary>
    /// At most one migration in the cluster, and one open: web-1 (40 GB on ds-1) moving live to the other host. Returns
    /// db-1 (30 GB on ds-1), which runs beside it, and db-1's host.
    /// </summary>
    private (MigrationId Open, VmId Vm, HostId Host) OneMigrationOpenOfAtMostOne(long ds2CapacityGb = 10_000)
    {
        _vrm = new VrmDeciderHarness(new VrmSettings { MaxConcurrentMigrations = 1 });
        var (web, _) = ClusterWithRunningVm(ds2CapacityGb);
        var db = StartVm("db-1", Ds1, 30);
        var open = _vrm.Ask(new MigrateVm(web, null)).EventsOf<MigrationAdmitted>().Single().MigrationId;
        return (open, db, _vrm.Ask(new GetVm(db)).ReplyTo<VmView>(VrmDeciderHarness.Operator).Host!.Value);
    }
}
