using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Simulation.Tests.Vrm;

// Datastore capacity through the VRM: refused at create when a VM's disks can never fit, at start when they do not fit now.
public sealed class DatastoreCapacityTests
{
    [Fact]
    public void A_disk_larger_than_its_datastore_is_refused_at_create_with_the_capacity()
    {
        var cluster = Start(overcommit: 1.0);

        var refusal = cluster.Ask<AdminFailure>(Create("huge", 999));

        Assert.Equal(AdminFailureKind.Invalid, refusal.Kind);
        var error = Assert.Single(refusal.Error.Errors);
        Assert.Equal("disks[0].sizeGb", error.Field);
        Assert.Contains("need 999 GB, more than it can provision (500 GB: 500 GB capacity, overcommit 1)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_that_would_overfill_the_datastore_is_refused_with_the_reason_and_overcommit_makes_room()
    {
        var strict = Start(overcommit: 1.0);
        var first = strict.Ask<VmView>(Create("a", 300));
        var second = strict.Ask<VmView>(Create("b", 300));
        strict.Ask<VmView>(new PowerOnVm(first.VmId));

        var refusal = strict.Ask<AdminFailure>(new PowerOnVm(second.VmId));

        Assert.Equal(AdminFailureKind.Conflict, refusal.Kind);
        Assert.Contains("datastore ds-1 has 200 GB left to provision of 500 GB, needs 300 GB", refusal.Error.Message, StringComparison.Ordinal);

        var thin = Start(overcommit: 2.0);
        thin.Ask<VmView>(new PowerOnVm(thin.Ask<VmView>(Create("a", 300)).VmId));
        Assert.Equal(VmPowerState.Starting, thin.Ask<VmView>(new PowerOnVm(thin.Ask<VmView>(Create("b", 300)).VmId)).PowerState);
    }

    private static CreateVm Create(string name, long diskGb) =>
        new(new CreateVmRequest(name, 2, 1024, [new VmDisk(DatastoreId.From("ds-1"), diskGb)]));

    private static SimulatedCluster Start(double overcommit)
    {
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = 1,
            Controllers = 1,
            Hosts = [SimulatedHostSpec.Standard("host-1", "ds-1"), SimulatedHostSpec.Standard("host-2", "ds-1")],
            Datastores = ["ds-1"],
            Vrm = new VrmSettings { DatastoreOvercommit = overcommit },
        });
        cluster.Advance(TimeSpan.FromSeconds(10));
        cluster.Ask<object>(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 500));
        return cluster;
    }
}
