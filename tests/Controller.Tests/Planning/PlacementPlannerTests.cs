using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Placement;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning;

public sealed class PlacementPlannerTests
{
    private static readonly VmId NewVm = new("vm-new");

    [Fact]
    public void Chooses_the_least_loaded_host()
    {
        var snapshot = new ClusterBuilder()
            .Host("h-1").Host("h-2").Host("h-3")
            .Vm("a", "h-1", ClusterBuilder.Spec(memoryMb: 8192))
            .Vm("b", "h-2", ClusterBuilder.Spec(memoryMb: 2048))
            .Vm("c", "h-3", ClusterBuilder.Spec(memoryMb: 4096))
            .Build();

        Assert.Equal(new HostId("h-2"), Place(snapshot).Host);
    }

    [Fact]
    public void Ties_go_to_the_lowest_host_id_whatever_order_hosts_are_given_in()
    {
        var snapshot = new ClusterBuilder().Host("h-3").Host("h-10").Host("h-2").Build();

        var first = Place(snapshot);

        Assert.Equal(new HostId("h-10"), first.Host);
        Assert.Equal(first.Host, Place(snapshot).Host);
    }

    [Theory]
    [InlineData(HostState.Maintenance)]
    [InlineData(HostState.Faulty)]
    [InlineData(HostState.Connecting)]
    [InlineData(HostState.PoweredOff)]
    public void Refuses_hosts_that_are_not_normal(HostState state)
    {
        var result = Place(new ClusterBuilder().Host("h-1", state: state).Build());

        AssertRefusedOnlyFor(result, RefusalReason.HostNotNormal);
        Assert.Contains(state.ToString(), result.Refusals[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Admits_memory_by_the_vm_size()
    {
        var snapshot = new ClusterBuilder().Host("h-1", memoryMb: 8192).Vm("a", "h-1", ClusterBuilder.Spec(memoryMb: 6144)).Build();

        var result = Place(snapshot, ClusterBuilder.Spec(memoryMb: 4096));

        AssertRefusedOnlyFor(result, RefusalReason.InsufficientMemory);
        Assert.Contains("2048 MB free", result.Refusals[0].Detail, StringComparison.Ordinal);
        Assert.True(Place(snapshot, ClusterBuilder.Spec(memoryMb: 2048)).IsPlaced);
    }

    [Fact]
    public void Admits_cpu_by_the_reservation()
    {
        // 4 usable vCPUs at 2000 MHz: 8000 MHz; 6000 MHz already reserved.
        var snapshot = new ClusterBuilder().Host("h-1", vcpus: 4).Vm("a", "h-1", ClusterBuilder.Spec(cpuReservationMhz: 6000)).Build();

        AssertRefusedOnlyFor(Place(snapshot, ClusterBuilder.Spec(cpuReservationMhz: 3000)), RefusalReason.InsufficientCpu);
        Assert.True(Place(snapshot, ClusterBuilder.Spec(cpuReservationMhz: 2000)).IsPlaced);
    }

    [Fact]
    public void Refuses_a_vm_with_more_vcpus_than_the_host_offers() =>
        AssertRefusedOnlyFor(Place(new ClusterBuilder().Host("h-1", vcpus: 4).Build(), ClusterBuilder.Spec(vcpus: 8)), RefusalReason.InsufficientCpu);

    [Fact]
    public void Stopped_vms_take_no_capacity()
    {
        var snapshot = new ClusterBuilder().Host("h-1", memoryMb: 8192)
            .Vm("a", "h-1", ClusterBuilder.Spec(memoryMb: 8192), VmPowerState.Stopped)
            .Build();

        Assert.True(Place(snapshot, ClusterBuilder.Spec(memoryMb: 8192)).IsPlaced);
    }

    [Fact]
    public void Refuses_hosts_that_cannot_reach_the_vm_datastores()
    {
        var snapshot = new ClusterBuilder().Host("h-1", datastores: ["ds-1"]).Host("h-2", datastores: ["ds-1", "ds-2"]).Build();

        var result = Place(snapshot, ClusterBuilder.Spec(datastore: "ds-2"));

        Assert.Equal(new HostId("h-2"), result.Host);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal((new HostId("h-1"), RefusalReason.DatastoreUnreachable), (refusal.Host, refusal.Reason));
        Assert.Contains("ds-2", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_hosts_below_the_vm_cpu_baseline()
    {
        var avx512 = new CpuFeatureSet("GenuineIntel", ["avx", "avx512f"]);
        var snapshot = new ClusterBuilder()
            .Host("h-1")
            .Host("h-2", features: new CpuFeatureSet("GenuineIntel", ["avx", "avx2", "avx512f"]))
            .Host("h-3", features: new CpuFeatureSet("AuthenticAMD", ["avx", "avx2", "avx512f"]))
            .Build();

        var result = Place(snapshot, ClusterBuilder.Spec(baseline: avx512));

        Assert.Equal(new HostId("h-2"), result.Host);
        Assert.Equal([RefusalReason.CpuIncompatible, RefusalReason.CpuIncompatible], result.Refusals.Select(r => r.Reason));
    }

    [Fact]
    public void Honours_vm_to_host_must_rules()
    {
        var snapshot = new ClusterBuilder().Host("h-1").Host("h-2").Host("h-3").Must("licensed", ["vm-new"], ["h-3"]).Build();

        var result = Place(snapshot);

        Assert.Equal(new HostId("h-3"), result.Host);
        Assert.All(result.Refusals, r => Assert.Equal(RefusalReason.MustRuleViolated, r.Reason));
        Assert.Contains("licensed", result.Refusals[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Honours_anti_affinity_groups()
    {
        var snapshot = new ClusterBuilder().Host("h-1").Host("h-2", memoryMb: 16_384)
            .Vm("db-1", "h-1")
            .AntiAffinity("db-replicas", "db-1", "vm-new")
            .Build();

        var result = Place(snapshot);

        Assert.Equal(new HostId("h-2"), result.Host);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalReason.AntiAffinityViolated, refusal.Reason);
        Assert.Contains("db-replicas", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_every_reason_of_every_host_when_nothing_fits()
    {
        var snapshot = new ClusterBuilder()
            .Host("h-1", memoryMb: 1024, state: HostState.Maintenance)
            .Host("h-2", datastores: ["ds-9"])
            .Build();

        var result = Place(snapshot);

        Assert.False(result.IsPlaced);
        Assert.Equal(
            [(new HostId("h-1"), RefusalReason.HostNotNormal), (new HostId("h-1"), RefusalReason.InsufficientMemory), (new HostId("h-2"), RefusalReason.DatastoreUnreachable)],
            result.Refusals.Select(r => (r.Host, r.Reason)));
    }

    [Fact]
    public void The_admission_policy_refuses_hosts_too()
    {
        var snapshot = new ClusterBuilder().Host("h-1").Host("h-2", memoryMb: 16_384).Build();

        var result = Place(snapshot, admission: AdmissionControl.DedicatedFailoverHosts([new HostId("h-1")]));

        Assert.Equal(new HostId("h-2"), result.Host);
        Assert.Equal(RefusalReason.AdmissionControl, Assert.Single(result.Refusals).Reason);
    }

    [Fact]
    public void A_vm_being_replaced_does_not_compete_with_its_own_footprint()
    {
        var snapshot = new ClusterBuilder().Host("h-1", memoryMb: 4096).Vm("vm-new", "h-1").Build();

        Assert.Equal(new HostId("h-1"), Place(snapshot).Host);
    }

    private static PlacementResult Place(ClusterSnapshot snapshot, VmSpec? spec = null, IAdmissionPolicy? admission = null) =>
        PlacementPlanner.Place(snapshot, NewVm, spec ?? ClusterBuilder.Spec(), admission);

    private static void AssertRefusedOnlyFor(PlacementResult result, RefusalReason reason)
    {
        Assert.False(result.IsPlaced);
        Assert.Equal(reason, Assert.Single(result.Refusals).Reason);
    }
}
