using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class MigrationReservationsReleasedOnceTests
{
    [Fact]
    public void A_completed_and_a_cancelled_migration_hold()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var invariant = new MigrationReservationsReleasedOnce();
        cluster.Ask<object>(new MigrateVm(vm.VmId, null));
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(Check(invariant, cluster));

        cluster.Guests.SetDirtyRate(vm.VmId, 200_000);
        var second = cluster.Ask<MigrationView>(new MigrateVm(vm.VmId, null));
        cluster.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(Check(invariant, cluster));
        cluster.Ask<object>(new MigrationCancelRequested(second.MigrationId));

        Assert.Null(Check(invariant, cluster));
    }

    [Fact]
    public void A_second_end_of_one_migration_is_a_second_release()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var invariant = new MigrationReservationsReleasedOnce();
        cluster.Ask<object>(new MigrateVm(vm.VmId, null));
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(Check(invariant, cluster));

        Append(cluster, new MigrationPhaseChanged(MigrationId.From("mig-0001"), MigrationPhase.Completed, MigrationPhase.RolledBack, "a second end"));

        Assert.Equal("mig-0001 changed Completed->RolledBack after it had ended (its reservation was already released)", Check(invariant, cluster));
    }

    [Fact]
    public void An_end_of_a_migration_never_admitted_is_reported()
    {
        var (cluster, _) = ClusterWithRunningVm();
        var invariant = new MigrationReservationsReleasedOnce();

        Append(cluster, new MigrationPhaseChanged(MigrationId.From("mig-0009"), MigrationPhase.Transferring, MigrationPhase.RolledBack, "never admitted"));

        Assert.Equal("mig-0009 changed Transferring->RolledBack but was never admitted", Check(invariant, cluster));
    }

    /// <summary>Writes an event the VRM never would, as the next in its journal.</summary>
    private static void Append(SimulatedCluster cluster, object @event) =>
        Assert.True(cluster.Journal.TryAppend(SimulatedCluster.Vrm, cluster.Journal.HighestSequenceNr(SimulatedCluster.Vrm), [@event]));
}
