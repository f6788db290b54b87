using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class OnlyLeaseHolderRunsTests
{
    [Fact]
    public void A_vm_running_where_its_lease_is_held_holds()
    {
        var (cluster, _) = ClusterWithRunningVm();

        Assert.Null(Check(new OnlyLeaseHolderRuns(), cluster));
    }

    [Fact]
    public void An_instance_started_without_the_lease_is_reported_with_the_holder()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var other = Other(vm.Host!.Value);
        cluster.Hypervisor(vm.Host.Value).KillIncarnation(vm.VmId, 1);
        cluster.Hypervisor(other).Start(vm.VmId, SpecOf(cluster, vm), incarnation: 2);

        var violation = Check(new OnlyLeaseHolderRuns(), cluster);

        Assert.Equal($"web-1 runs on {other} #2 but the lease is held by {vm.Host} #1", violation);
    }

    [Fact]
    public void An_instance_whose_lease_expired_is_reported()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        cluster.LoseStorage(vm.Host!.Value);

        // Long enough for the lease to expire, too short for the host's fencing to be seen: the guest is restarted by hand.
        cluster.Advance(TimeSpan.FromSeconds(25));
        cluster.Hypervisor(vm.Host.Value).Start(vm.VmId, SpecOf(cluster, vm), incarnation: 1);

        Assert.Equal($"web-1 runs on {vm.Host} #1 but its lease expired", Check(new OnlyLeaseHolderRuns(), cluster));
    }
}
