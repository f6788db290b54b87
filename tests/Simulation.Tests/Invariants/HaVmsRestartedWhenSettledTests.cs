using Cluster.Messages;
using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class HaVmsRestartedWhenSettledTests
{
    private static SimulatedCluster WithCrashedGuest(bool haEnabled, out VmView vm)
    {
        var (cluster, running) = ClusterWithRunningVm(haEnabled);
        vm = running;
        cluster.CrashGuest(running.Host!.Value, running.VmId);
        AdvanceUntil(cluster, () => cluster.ActiveInventory().Vm(running.VmId)!.PowerState == VmPowerState.Crashed, TimeSpan.FromSeconds(10));
        return cluster;
    }

    [Fact]
    public void A_running_ha_vm_holds()
    {
        var (cluster, _) = ClusterWithRunningVm();

        Assert.Null(Check(new HaVmsRestartedWhenSettled(), cluster));
    }

    [Fact]
    public void An_ha_vm_left_crashed_is_reported()
    {
        var cluster = WithCrashedGuest(haEnabled: true, out var vm);

        Assert.Equal(
            $"HA-enabled web-1 ({vm.VmId}) is Crashed on {vm.Host} #1 and was not restarted",
            Check(new HaVmsRestartedWhenSettled(), cluster));
    }

    [Fact]
    public void A_crashed_vm_without_ha_is_not_for_ha_to_restart()
    {
        var cluster = WithCrashedGuest(haEnabled: false, out _);

        Assert.Null(Check(new HaVmsRestartedWhenSettled(), cluster));
    }
}
