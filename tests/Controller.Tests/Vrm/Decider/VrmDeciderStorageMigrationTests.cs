using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// The VRM admits a storage migration (a running VM's disks to another datastore, the VM staying on its host), counts the
/// copy on the target datastore until the saga ends, and records the disks' new datastore when it completes, which is
/// where HA reads the VM's lease from then on. Shared-nothing and cold moves, which move disks too, are in the partial files beside.
/// </summary>
public sealed partial class VrmDeciderStorageMigrationTests
{
    private static readonly DatastoreId Ds1 = DatastoreId.From("ds-1");
    private static readonly DatastoreId Ds2 = DatastoreId.From("ds-2");
    private static readonly DatastoreId Ds3 = DatastoreId.From("ds-3");

    private VrmDeciderHarness _vrm = new();

    [Fact]
    public void A_datastore_alone_admits_a_storage_migration_on_the_vms_host_which_is_asked_to_mirror_its_disks()
    {
        var (vm, host) = ClusterWithRunningVm();

        var step = _vrm.Ask(new MigrateVm(vm, null, Datastore: Ds2));

        var admitted = step.EventsOf<MigrationAdmitted>().Single();
        Assert.Equal((MigrationKind.Storage, host, host, (DatastoreId?)Ds1, (DatastoreId?)Ds2), (admitted.Kind, admitted.Source, admitted.Target, admitted.FromDatastore, admitted.Datastore));
        var mirror = step.SentTo<StartDiskMirror>(VrmDeciderHarness.HostPeer(host.Value)).Single();
        Assert.Equal((Ds2, 1L), (mirror.Datastore, mirror.Incarnation));
        var view = step.ReplyTo<MigrationView>(VrmDeciderHarness.Operator);
        Assert.Equal((MigrationKind.Storage, MigrationPhase.Admitted, (DatastoreId?)Ds1, (DatastoreId?)Ds2), (view.Kind, view.Phase, view.FromDatastore, view.Datastore));
    }

    [Fact]
    public void A_completed_storage_migration_moves_the_vms_disks_to_the_new_datastore_on_the_same_host_and_incarnation()
    {
        var (vm, host) = ClusterWithRunningVm();
        var id = Admit(vm, Ds2);

        var done = Complete(id, host);

        Assert.Equal(new VmDisksMoved(vm, Ds1, Ds2, id, _vrm.Now), done.EventsOf<VmDisksMoved>().Single());
        Assert.Empty(done.EventsOf<VmMigrated>());
        var view = _vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator);
        Assert.Equal((host, 1L, Ds2), (view.Host!.Value, view.Incarnation, view.Disks!.Single().Datastore));
    }

    [Fact]
    public void The_copy_counts_on_the_target_datastore_until_the_migration_ends()
    {
        var (vm, _) = ClusterWithRunningVm(ds2CapacityGb: 60);
        var other = StartVm("db-1", Ds1, 30);
        var id = Admit(vm, Ds2);

        var whileCopying = _vrm.Ask(new MigrateVm(other, null, Datastore: Ds2)).ReplyTo<AdminFailure>(VrmDeciderHarness.Operator);
        _vrm.Ask(new MigrationCancelRequested(id));
        var afterCancel = _vrm.Ask(new MigrateVm(other, null, Datastore: Ds2));

        Assert.Equal((AdminFailureKind.Conflict, "datastore"), (whileCopying.Kind, whileCopying.Error.Errors[0].Field));
        Assert.Contains("20 GB left to provision", whileCopying.Error.Message);
        Assert.Single(afterCancel.EventsOf<MigrationAdmitted>());
    }

    [Fact]
    public void Storage_migrations_are_refused_naming_the_datastore_when_it_is_unknown_already_holds_the_disks_or_the_host_cannot_reach_it()
    {
        var (vm, _) = ClusterWithRunningVm();
        _vrm.Ask(new AddDatastore(Ds3, "ds-3", 1_000));

        var unknown = Refusal(new MigrateVm(vm, null, Datastore: DatastoreId.From("ds-9")));
        var same = Refusal(new MigrateVm(vm, null, Datastore: Ds1));
        var unreachable = Refusal(new MigrateVm(vm, null, Datastore: Ds3));

        Assert.Equal((AdminFailureKind.NotFound, "datastore"), (unknown.Kind, unknown.Error.Errors[0].Field));
        Assert.Equal((AdminFailureKind.Invalid, "datastore"), (same.Kind, same.Error.Errors[0].Field));
        Assert.Equal((AdminFailureKind.Conflict, "datastore"), (unreachable.Kind, unreachable.Error.Errors[0].Field));
        Assert.Contains("cannot reach ds-3", unreachable.Error.Message);
    }

    [Fact]
    public void The_host_failing_during_the_pivot_moves_the_disks_and_ha_reads_the_vms_lease_on_the_new_datastore()
    {
        var (vm, host) = ClusterWithRunningVm();
        var id = Admit(vm, Ds2);
        _vrm.Send(new DiskMirrorProgressReported(id, DiskMirrorState.Ready, 0, 40_960, null), VrmDeciderHarness.HostPeer(host.Value));

        var faulty = FailHost(host);

        var end = faulty.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.Completed, true), (end.To, end.VmDown));
        Assert.Single(faulty.EventsOf<VmDisksMoved>());
        Assert.Equal((vm, Ds2), faulty.Effects.OfType<ReadStorageLeases>().Single().Candidates.Select(c => (c.VmId, c.Datastore)).Single());
    }

    [Fact]
    public void The_host_failing_during_the_mirror_leaves_the_disks_and_ha_reads_the_lease_on_the_old_datastore()
    {
        var (vm, host) = ClusterWithRunningVm();
        Admit(vm, Ds2);

        var faulty = FailHost(host);

        Assert.Equal((MigrationPhase.RolledBack, true), (faulty.EventsOf<MigrationPhaseChanged>().Single().To, faulty.EventsOf<MigrationPhaseChanged>().Single().VmDown));
        Assert.Empty(faulty.EventsOf<VmDisksMoved>());
        Assert.Equal((vm, Ds1), faulty.Effects.OfType<ReadStorageLeases>().Single().Candidates.Select(c => (c.VmId, c.Datastore)).Single());
    }

    [Fact]
    public void A_stopped_instance_at_the_incarnation_after_a_rolled_back_storage_move_is_no_incoming_instance_and_is_not_discarded()
    {
        // DST seed 466: the storage move rolled back, HA restarted the VM on the same host as #2 (the "target incarnation"
        // a storage move never had), the operator stopped it, and every heartbeat showing it Stopped drew a discard,
        // answered at once with another heartbeat: the simulation never advanced.
        var (vm, host) = ClusterWithRunningVm();
        var id = Admit(vm, Ds2);
        _vrm.Send(new DiskMirrorProgressReported(id, DiskMirrorState.Failed, 0, 40_960, "the guest stopped running"), VrmDeciderHarness.HostPeer(host.Value));

        var beat = _vrm.Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Stopped, 2));

        Assert.Equal(MigrationPhase.RolledBack, _vrm.Ask(new GetMigration(id)).ReplyTo<MigrationView>(VrmDeciderHarness.Operator).Phase);
        Assert.Empty(beat.SentTo<DiscardIncomingMigration>(VrmDeciderHarness.HostPeer(host.Value)));
    }

    /// <summary>Two hosts reaching ds-1 and ds-2, and a VM (40 GB on ds-1) running on one of them; h-3, if asked for, reaches ds-1 alone.</summary>
    private (VmId Vm, HostId Host) ClusterWithRunningVm(long ds2CapacityGb = 10_000, bool withH3 = false)
    {
        foreach (var host in new[] { "h-1", "h-2" })
        {
            var registration = VrmDeciderHarness.Registration(host, $"{host}.local:9120") with { ReachableDatastores = [Ds1, Ds2] };
            _vrm.Send(registration, VrmDeciderHarness.HostPeer(host));
        }

        if (withH3)
        {
            _vrm.Send(VrmDeciderHarness.Registration("h-3", "h-3.local:9120") with { ReachableDatastores = [Ds1] }, VrmDeciderHarness.HostPeer("h-3"));
        }

        _vrm.Ask(new AddDatastore(Ds1, "ds-1", 10_000));
        _vrm.Ask(new AddDatastore(Ds2, "ds-2", ds2CapacityGb));
        var vm = StartVm("web-1", Ds1, 40);
        return (vm, _vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator).Host!.Value);
    }

    private VmId StartVm(string name, DatastoreId datastore, long diskGb)
    {
        var created = _vrm.Ask(new CreateVm(new CreateVmRequest(name, 2, 4096, [new VmDisk(datastore, diskGb)]))).ReplyTo<VmView>(VrmDeciderHarness.Operator);
        var placed = _vrm.Ask(new PowerOnVm(created.VmId)).EventsOf<VmPlaced>().Single();
        _vrm.Beat(placed.Host.Value, new VmRuntimeReport(created.VmId, VmPowerState.Running, 1));
        return created.VmId;
    }

    private MigrationId Admit(VmId vm, DatastoreId datastore) =>
        _vrm.Ask(new MigrateVm(vm, null, Datastore: datastore)).EventsOf<MigrationAdmitted>().Single().MigrationId;

    private AdminFailure Refusal(MigrateVm migrate)
    {
        var step = _vrm.Ask(migrate);
        Assert.Empty(step.EventsOf<MigrationAdmitted>());
        return step.ReplyTo<AdminFailure>(VrmDeciderHarness.Operator);
    }

    private DecidedStep Complete(MigrationId id, HostId host)
    {
        var peer = VrmDeciderHarness.HostPeer(host.Value);
        _vrm.Send(new DiskMirrorProgressReported(id, DiskMirrorState.Ready, 0, 40_960, null), peer);
        return _vrm.Send(new DiskMirrorPivoted(id, Ds2), peer);
    }

    /// <summary>Keeps the other host beating and lets <paramref name="host"/> fall silent until it is Faulty.</summary>
    private DecidedStep FailHost(HostId host)
    {
        var other = host.Value == "h-1" ? "h-2" : "h-1";
        for (var t = 10; t <= 30; t += 10)
        {
            _vrm.At(t).Beat(other);
        }

        return _vrm.At(31).Tick();
    }
}
