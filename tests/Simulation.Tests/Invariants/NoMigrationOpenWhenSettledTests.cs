using Cluster.Controller.Vrm;
using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class NoMigrationOpenWhenSettledTests
{
    [Fact]
    public void A_cluster_whose_migration_completed_holds()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        cluster.Ask<object>(new MigrateVm(vm.VmId, null));

        cluster.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(Check(new NoMigrationOpenWhenSettled(), cluster));
    }

    [Fact]
    public void A_migration_still_transferring_is_reported_with_its_phase()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        cluster.Ask<object>(new MigrateVm(vm.VmId, null));

        var violation = Check(new NoMigrationOpenWhenSettled(), cluster);

        Assert.Equal($"migration mig-0001 of web-1 ({vm.Host}->{Other(vm.Host!.Value)}) is still Transferring: {vm.Host} sends 4096 MB", violation);
    }
}
