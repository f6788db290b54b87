using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class NoVmStuckWhenSettledTests
{
    [Fact]
    public void A_running_vm_holds()
    {
        var (cluster, _) = ClusterWithRunningVm();

        Assert.Null(Check(new NoVmStuckWhenSettled(), cluster));
    }

    [Fact]
    public void A_vm_whose_start_never_reached_its_host_is_reported_as_stuck_in_starting()
    {
        var cluster = Start(hosts: 2);
        var vm = CreateVm(cluster, "web-1");
        foreach (var host in cluster.Options.Hosts)
        {
            cluster.PartitionManagement(host.HostId);
        }

        var starting = cluster.Ask<VmView>(new PowerOnVm(vm.VmId));

        Assert.Equal($"web-1 ({vm.VmId}) is stuck in Starting on {starting.Host} #1", Check(new NoVmStuckWhenSettled(), cluster));
    }
}
