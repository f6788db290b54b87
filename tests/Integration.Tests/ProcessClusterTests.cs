using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// The controller and host-node processes in one Akka cluster: failure detection and recovery. Written against the
/// host node on Akka (--seed, --no-tls); a host node still on the old transport cannot join.
/// </summary>
public sealed class ProcessClusterTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    [Fact]
    public async Task A_killed_host_turns_Faulty_and_Normal_again_after_a_restart()
    {
        await cluster.WaitForHostsAsync("3 Normal hosts", hosts => AllNormal(hosts, cluster.HostIds));

        cluster.KillHost("h-2");
        var afterKill = await cluster.WaitForHostsAsync("h-2 Faulty", hosts => State(hosts, "h-2") == HostState.Faulty);
        Assert.All(afterKill.Where(h => h.HostId.Value != "h-2"), h => Assert.Equal(HostState.Normal, h.State));

        cluster.StartHost("h-2");
        await cluster.WaitForHostsAsync("h-2 Normal again", hosts => AllNormal(hosts, cluster.HostIds));
    }

    private static HostState? State(IReadOnlyList<HostView> hosts, string id) => hosts.FirstOrDefault(h => h.HostId.Value == id)?.State;

    private static bool AllNormal(IReadOnlyList<HostView> hosts, IReadOnlyList<string> ids) => ids.All(id => State(hosts, id) == HostState.Normal);
}
