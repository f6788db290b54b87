using Cluster.Messages;
using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class HostsNormalWhenSettledTests
{
    [Fact]
    public void Every_host_normal_holds()
    {
        var (cluster, _) = ClusterWithRunningVm();

        Assert.Null(Check(new HostsNormalWhenSettled(), cluster));
    }

    [Fact]
    public void A_host_that_stayed_down_is_reported_with_its_state()
    {
        var (cluster, _) = ClusterWithRunningVm();
        cluster.CrashHost(HostId.From("host-2"));
        AdvanceUntil(cluster, () => StateOf(cluster, "host-2") != HostState.Normal, TimeSpan.FromMinutes(1));

        Assert.Equal($"host host-2 is {StateOf(cluster, "host-2")}", Check(new HostsNormalWhenSettled(), cluster));
    }
}
