using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>The controller and host-node processes over real TCP: failure detection, recovery, and the cluster secret.</summary>
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

    [Fact]
    public async Task A_node_with_the_wrong_cluster_secret_is_refused_and_never_listed()
    {
        await cluster.WaitForHostsAsync("3 Normal hosts", hosts => AllNormal(hosts, cluster.HostIds));

        var refusal = await cluster.WaitAsync("the controller logs the refusal", () => Task.FromResult(
            cluster.Controller.Output.Split('\n').FirstOrDefault(l => l.Contains("refused connection", StringComparison.Ordinal) && l.Contains("did not prove the cluster secret", StringComparison.Ordinal))));

        Assert.Contains("handshake failed", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(await cluster.HostsAsync() ?? [], h => h.HostId.Value == LocalCluster.Intruder);
        Assert.Contains("did not prove the cluster secret", cluster.IntruderProcess.Output, StringComparison.Ordinal);
    }

    private static HostState? State(IReadOnlyList<HostView> hosts, string id) => hosts.FirstOrDefault(h => h.HostId.Value == id)?.State;

    private static bool AllNormal(IReadOnlyList<HostView> hosts, IReadOnlyList<string> ids) => ids.All(id => State(hosts, id) == HostState.Normal);
}
