using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class NoVmRunsTwiceTests
{
    [Fact]
    public void A_vm_running_on_one_host_holds()
    {
        var (cluster, _) = ClusterWithRunningVm();

        Assert.Null(Check(new NoVmRunsTwice(), cluster));
    }

    [Fact]
    public void A_vm_running_on_two_hosts_is_reported_with_both_instances()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var other = Other(vm.Host!.Value);
        cluster.Hypervisor(other).Start(vm.VmId, SpecOf(cluster, vm), incarnation: 2);

        var violation = Check(new NoVmRunsTwice(), cluster);

        // Instances are listed in the hosts' order.
        var instances = new[] { $"{vm.Host} #1", $"{other} #2" }.Order(StringComparer.Ordinal);
        Assert.Equal($"web-1 runs twice: {string.Join(", ", instances)}", violation);
    }

    [Fact]
    public void An_instance_left_on_a_crashed_host_does_not_count()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var other = Other(vm.Host!.Value);
        cluster.Hypervisor(other).Start(vm.VmId, SpecOf(cluster, vm), incarnation: 2);
        cluster.CrashHost(other);

        Assert.Null(Check(new NoVmRunsTwice(), cluster));
    }
}
