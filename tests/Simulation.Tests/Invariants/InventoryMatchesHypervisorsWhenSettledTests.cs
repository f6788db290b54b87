using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class InventoryMatchesHypervisorsWhenSettledTests
{
    [Fact]
    public void A_vm_running_where_the_inventory_says_holds()
    {
        var (cluster, _) = ClusterWithRunningVm();

        Assert.Null(Check(new InventoryMatchesHypervisorsWhenSettled(), cluster));
    }

    [Fact]
    public void A_vm_the_inventory_has_running_but_no_hypervisor_runs_is_reported()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        cluster.Hypervisor(vm.Host!.Value).KillIncarnation(vm.VmId, vm.Incarnation);

        Assert.Equal(
            $"the inventory has web-1 ({vm.VmId}) Running on {vm.Host} #1, the hypervisors run it at []",
            Check(new InventoryMatchesHypervisorsWhenSettled(), cluster));
    }

    [Fact]
    public void A_vm_running_under_another_incarnation_is_reported_with_where_it_runs()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var other = Other(vm.Host!.Value);
        cluster.Hypervisor(vm.Host.Value).KillIncarnation(vm.VmId, vm.Incarnation);
        cluster.Hypervisor(other).Start(vm.VmId, SpecOf(cluster, vm), incarnation: 5);

        Assert.Equal(
            $"the inventory has web-1 ({vm.VmId}) Running on {vm.Host} #1, the hypervisors run it at [{other} #5]",
            Check(new InventoryMatchesHypervisorsWhenSettled(), cluster));
    }
}
