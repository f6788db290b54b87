using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// Cold moves (a stopped VM's disks): admitted on a host that reaches both datastores, with the copy counted on the new
/// one and no CPU or memory reserved; the VM cannot start or be deleted meanwhile; a host alone is refused.
/// </summary>
public sealed partial class VrmDeciderStorageMigrationTests
{
    [Fact]
    public void A_stopped_vms_datastore_admits_a_cold_move_copied_by_a_host_reaching_both_datastores()
    {
        ClusterWithRunningVm(withH3: true);
        var cold = CreateStopped();

        var step = _vrm.Ask(new MigrateVm(cold, null, Datastore: Ds2));

        var admitted = step.EventsOf<MigrationAdmitted>().Single();
        Assert.Equal(MigrationKind.Cold, admitted.Kind);
        Assert.NotEqual(HostId.From("h-3"), admitted.Source);
        Assert.Equal(Ds2, step.SentTo<CopyVmDisks>(VrmDeciderHarness.HostPeer(admitted.Source.Value)).Single().Datastore);
        Assert.Equal(MigrationKind.Cold, step.ReplyTo<MigrationView>(VrmDeciderHarness.Operator).Kind);
    }

    [Fact]
    public void While_the_disks_are_copied_the_vm_can_neither_start_nor_be_deleted_and_afterwards_it_starts_from_the_new_datastore()
    {
        ClusterWithRunningVm();
        var cold = CreateStopped();
        var admitted = _vrm.Ask(new MigrateVm(cold, null, Datastore: Ds2)).EventsOf<MigrationAdmitted>().Single();

        var start = Refused(new PowerOnVm(cold));
        var delete = Refused(new RemoveVm(cold));
        _vrm.Send(new DiskCopyProgressReported(admitted.MigrationId, DiskCopyState.Completed, 0, 10_240, null), VrmDeciderHarness.HostPeer(admitted.Source.Value));
        var started = _vrm.Ask(new PowerOnVm(cold));

        Assert.Contains($"cannot start while {admitted.MigrationId} copies its disks", start.Error.Message);
        Assert.Contains("is migrating", delete.Error.Message);
        Assert.Equal(Ds2, started.SentTo<StartVm>(VrmDeciderHarness.HostPeer(started.EventsOf<VmPlaced>().Single().Host.Value)).Single().Spec.PrimaryDatastore);
    }

    [Fact]
    public void A_stopped_vm_is_refused_a_host_naming_that_it_runs_nowhere_and_that_a_start_places_it()
    {
        ClusterWithRunningVm();
        var cold = CreateStopped();

        var refused = Refusal(new MigrateVm(cold, HostId.From("h-2")));

        Assert.Equal((AdminFailureKind.Conflict, "host"), (refused.Kind, refused.Error.Errors[0].Field));
        Assert.Contains("runs on no host", refused.Error.Message);
        Assert.Contains("starting it places it", refused.Error.Message);
        Assert.Contains("--datastore", refused.Error.Message);
    }

    [Fact]
    public void A_cold_move_is_refused_when_no_host_reaches_both_datastores()
    {
        _vrm.Send(VrmDeciderHarness.Registration("h-3", "h-3.local:9120") with { ReachableDatastores = [Ds1] }, VrmDeciderHarness.HostPeer("h-3"));
        _vrm.Ask(new AddDatastore(Ds1, "ds-1", 10_000));
        _vrm.Ask(new AddDatastore(Ds2, "ds-2", 10_000));
        var cold = CreateStopped();

        var refused = Refusal(new MigrateVm(cold, null, Datastore: Ds2));

        Assert.Equal((AdminFailureKind.Conflict, "datastore"), (refused.Kind, refused.Error.Errors[0].Field));
        Assert.Contains("no Normal host reaches both ds-1 and ds-2", refused.Error.Message);
    }

    private VmId CreateStopped() =>
        _vrm.Ask(new CreateVm(new CreateVmRequest("cold-1", 1, 1024, [new VmDisk(Ds1, 10)]))).ReplyTo<VmView>(VrmDeciderHarness.Operator).VmId;

    private AdminFailure Refused(object command) => _vrm.Ask(command).ReplyTo<AdminFailure>(VrmDeciderHarness.Operator);
}
