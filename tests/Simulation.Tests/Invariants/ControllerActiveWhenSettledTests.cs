using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class ControllerActiveWhenSettledTests
{
    [Fact]
    public void A_cluster_with_an_active_controller_holds()
    {
        var (cluster, _) = ClusterWithRunningVm();

        Assert.Null(Check(new ControllerActiveWhenSettled(), cluster));
    }

    [Fact]
    public void A_cluster_with_every_controller_down_is_reported()
    {
        var (cluster, _) = ClusterWithRunningVm();
        foreach (var controller in cluster.ControllerNames)
        {
            cluster.CrashController(controller);
        }

        Assert.Equal("no controller is active", Check(new ControllerActiveWhenSettled(), cluster));
    }
}
