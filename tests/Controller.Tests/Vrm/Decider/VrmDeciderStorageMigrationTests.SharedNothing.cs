using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// Shared-nothing moves (host and datastore at once): admitted with the target's CPU and memory reserved and the copy
/// counted on the new datastore, driven through mirror, transfer and switch-over, and recorded as both a move of the VM
/// and of its disks; refused when the target cannot reach the new datastore or it has no room.
/// </summary>
public sealed partial class VrmDeciderStorageMigrationTests
{
    [Fact]
    public void A_host_and_a_datastore_admit_a_shared_nothing_move_that_first_mirrors_the_disks_on_the_source()
    {
        var (vm, host) = ClusterWithRunningVm();
        var target = OtherHost(host);

        var step = _vrm.Ask(new MigrateVm(vm, target, Datastore: Ds2));

        var admitted = step.EventsOf<MigrationAdmitted>().Single();
        Assert.Equal((MigrationKind.SharedNothing, host, target, 2L, (DatastoreId?)Ds1, (DatastoreId?)Ds2), (admitted.Kind, admitted.Source, admitted.Target, admitted.IncarnationOnTarget, admitted.FromDatastore, admitted.Datastore));
        Assert.Equal(Ds2, step.SentTo<StartDiskMirror>(VrmDeciderHarness.HostPeer(host.Value)).Single().Datastore);
        Assert.Empty(step.SentTo<IHostCommand>(VrmDeciderHarness.HostPeer(target.Value)));
        Assert.Equal(MigrationKind.SharedNothing, step.ReplyTo<MigrationView>(VrmDeciderHarness.Operator).Kind);
    }

    [Fact]
    public void A_completed_shared_nothing_move_runs_the_vm_on_the_target_as_its_next_incarnation_with_its_disks_on_the_new_datastore()
    {
        var (vm, host) = ClusterWithRunningVm();
        var target = OtherHost(host);
        var id = _vrm.Ask(new MigrateVm(vm, target, Datastore: Ds2)).EventsOf<MigrationAdmitted>().Single().MigrationId;
        var source = VrmDeciderHarness.HostPeer(host.Value);
        var targetPeer = VrmDeciderHarness.HostPeer(target.Value);

        var prepare = _vrm.Send(new DiskMirrorProgressReported(id, DiskMirrorState.Ready, 0, 40_960, null), source).SentTo<PrepareIncomingMigration>(targetPeer).Single();
        _vrm.Send(new IncomingMigrationPrepared(id, "tcp:h-2:49152"), targetPeer);
        _vrm.Send(new MigrationProgressReported(id, MigrationTransferStatus.Completed, 2, 0, 1, 0, null), source);
        var done = _vrm.Send(new MigratedVmResumed(id, 2), targetPeer);

        Assert.Equal((Ds2, (DatastoreId?)Ds1), (prepare.Spec.PrimaryDatastore, prepare.ArbiterDatastore));
        Assert.Single(done.EventsOf<VmMigrated>());
        Assert.Equal(new VmDisksMoved(vm, Ds1, Ds2, id, _vrm.Now), done.EventsOf<VmDisksMoved>().Single());
        var view = _vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator);
        Assert.Equal((target, 2L, Ds2), (view.Host!.Value, view.Incarnation, view.Disks!.Single().Datastore));
    }

    [Fact]
    public void The_source_failing_during_a_shared_nothing_move_leaves_the_disks_and_ha_reads_the_lease_on_the_old_datastore()
    {
        var (vm, host) = ClusterWithRunningVm();
        _vrm.Ask(new MigrateVm(vm, OtherHost(host), Datastore: Ds2));

        var faulty = FailHost(host);

        var end = faulty.EventsOf<MigrationPhaseChanged>().Single();
        Assert.Equal((MigrationPhase.RolledBack, true), (end.To, end.VmDown));
        Assert.Empty(faulty.EventsOf<VmDisksMoved>());
        Assert.Equal((vm, Ds1), faulty.Effects.OfType<ReadStorageLeases>().Single().Candidates.Select(c => (c.VmId, c.Datastore)).Single());
    }

    [Fact]
    public void A_shared_nothing_move_is_refused_naming_the_host_when_the_target_cannot_reach_the_new_datastore()
    {
        var (vm, _) = ClusterWithRunningVm(withH3: true);

        var unreachable = Refusal(new MigrateVm(vm, HostId.From("h-3"), Datastore: Ds2));

        Assert.Equal((AdminFailureKind.Conflict, "host"), (unreachable.Kind, unreachable.Error.Errors[0].Field));
        Assert.Contains("h-3 cannot reach ds-2", unreachable.Error.Message);
    }

    [Fact]
    public void A_shared_nothing_move_is_refused_naming_the_datastore_when_it_has_no_room_for_the_disks()
    {
        var (vm, host) = ClusterWithRunningVm(ds2CapacityGb: 30);

        var full = Refusal(new MigrateVm(vm, OtherHost(host), Datastore: Ds2));

        Assert.Equal((AdminFailureKind.Conflict, "datastore"), (full.Kind, full.Error.Errors[0].Field));
        Assert.Contains("30 GB left to provision", full.Error.Message);
    }

    [Fact]
    public void While_a_shared_nothing_move_is_open_its_copy_counts_on_the_new_datastore()
    {
        var (vm, host) = ClusterWithRunningVm(ds2CapacityGb: 60);
        var other = StartVm("db-1", Ds1, 30);
        _vrm.Ask(new MigrateVm(vm, OtherHost(host), Datastore: Ds2));

        var refused = Refusal(new MigrateVm(other, null, Datastore: Ds2));

        Assert.Contains("20 GB left to provision", refused.Error.Message);
    }

    private static HostId OtherHost(HostId host) => HostId.From(host.Value == "h-1" ? "h-2" : "h-1");
}
