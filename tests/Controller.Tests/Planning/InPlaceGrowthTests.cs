using Cluster.Controller.Planning.Placement;
using Cluster.Messages;
using static Cluster.Controller.Tests.Planning.ClusterBuilder;

namespace Cluster.Controller.Tests.Planning;

public sealed class InPlaceGrowthTests
{
    private static readonly VmId Web = new("web");
    private static readonly HostId H1 = new("h1");

    [Fact]
    public void A_vm_grows_into_the_room_its_own_present_size_and_the_hosts_free_memory_give()
    {
        var snapshot = new ClusterBuilder().Host("h1", memoryMb: 16_384).Vm("web", "h1", Spec(memoryMb: 8192)).Build();

        Assert.Empty(InPlaceGrowth.Refusals(snapshot, Web, Spec(memoryMb: 16_384), H1));
        Assert.Equal(RefusalReason.InsufficientMemory, Assert.Single(InPlaceGrowth.Refusals(snapshot, Web, Spec(memoryMb: 16_512), H1)).Reason);
    }

    [Fact]
    public void Other_vms_and_open_migrations_reservations_on_the_host_are_counted()
    {
        var withNeighbour = new ClusterBuilder().Host("h1", memoryMb: 16_384).Vm("web", "h1").Vm("db", "h1", Spec(memoryMb: 8192)).Build();
        var withReservation = new ClusterBuilder().Host("h1", memoryMb: 16_384).Vm("web", "h1").Reserve("h1", memoryMb: 8192).Build();
        var grown = Spec(memoryMb: 12_288);

        Assert.Equal(RefusalReason.InsufficientMemory, Assert.Single(InPlaceGrowth.Refusals(withNeighbour, Web, grown, H1)).Reason);
        Assert.Equal(RefusalReason.InsufficientMemory, Assert.Single(InPlaceGrowth.Refusals(withReservation, Web, grown, H1)).Reason);
        Assert.Empty(InPlaceGrowth.Refusals(withReservation, Web, Spec(memoryMb: 8192), H1));
    }

    [Fact]
    public void More_vcpus_than_usable_a_full_datastore_and_a_host_not_normal_are_refused_but_rules_are_not_looked_at()
    {
        var snapshot = new ClusterBuilder().Host("h1", vcpus: 4, state: HostState.EnteringMaintenance).Datastore("ds-1", 100)
            .Vm("web", "h1", Spec(diskGb: 20)).Vm("db", "h1", Spec(diskGb: 60)).Must("elsewhere", ["web"], ["h2"]).Build();

        var reasons = InPlaceGrowth.Refusals(snapshot, Web, Spec(vcpus: 8, diskGb: 50), H1).Select(r => r.Reason);

        Assert.Equal([RefusalReason.HostNotNormal, RefusalReason.InsufficientCpu, RefusalReason.DatastoreFull], reasons);
    }
}
