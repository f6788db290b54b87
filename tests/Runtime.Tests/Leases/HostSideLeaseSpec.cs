using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Leases;

namespace Cluster.Runtime.Tests.Leases;

/// <summary>A host node's split-brain lease, resolved by its config path: granted only while a controller is Up and reachable.</summary>
public sealed class HostSideLeaseSpec : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task A_side_with_a_controller_is_granted_and_a_side_of_hosts_alone_is_refused()
    {
        using var host = Node(ClusterRoles.Host);
        await JoinSelfAsync(host);
        var hostLease = Lease(host);

        Assert.IsType<HostSideLease>(hostLease);
        Assert.False(await hostLease.Acquire());
        Assert.False(hostLease.CheckLease());

        using var controller = Node(ClusterRoles.Controller);
        await JoinSelfAsync(controller);
        var controllerLease = Lease(controller);

        // JoinAsync completes when the node is Up; the cluster state this node reads catches up a moment later.
        await AwaitConditionAsync(() => Task.FromResult(controllerLease.CheckLease()), TimeSpan.FromSeconds(10));
        Assert.True(await controllerLease.Acquire());
        Assert.True(await controllerLease.Release());
    }

    private static Lease Lease(ActorSystem system) =>
        LeaseProvider.Get(system).GetLease("cluster-akka-sbr", SqlLeaseConfig.ConfigPath, "127.0.0.1:0");

    private static ActorSystem Node(string role) =>
        ActorSystem.Create("cluster", ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.cluster.roles = ["{{role}}"]
            """).WithFallback(SqlLeaseConfig.HostSide()));

    private static async Task JoinSelfAsync(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        await cluster.JoinAsync(cluster.SelfAddress).WaitAsync(TimeSpan.FromSeconds(20));
    }
}
