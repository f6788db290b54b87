using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Serialization;
using Cluster.Runtime.Tests.Support;

namespace Cluster.Runtime.Tests.Leases;

/// <summary>
/// A host node's split-brain lease, resolved by its config path: taken through a reachable controller's broker on the
/// same SQL row the controllers' resolvers compete for, and refused when no controller is reachable.
/// </summary>
public sealed class HostSideLeaseSpec : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string LeaseName = "cluster-akka-sbr";
    private readonly SqliteTestDatabase _db = new();

    [Fact]
    public async Task A_host_takes_the_controllers_row_through_a_broker_and_a_side_without_controllers_is_refused()
    {
        using var host = Node(ClusterRoles.Host, SqlLeaseConfig.HostSide());
        await JoinAsync(host, host);
        var hostLease = Lease(host, "127.0.0.1:1");

        Assert.IsType<HostSideLease>(hostLease);
        Assert.False(await hostLease.Acquire());
        Assert.False(hostLease.CheckLease());

        using var controller = Node(ClusterRoles.Controller, _db.LeaseBlock());
        controller.ActorOf(SplitBrainLeaseBroker.Props(), SplitBrainLeaseBroker.Name);
        await JoinAsync(controller, host);
        await AwaitConditionAsync(() => Task.FromResult(Akka.Cluster.Cluster.Get(host).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 2), TimeSpan.FromSeconds(10));

        // The host holds the row, so a controller's own resolver competing for it (another owner) loses.
        Assert.True(await hostLease.Acquire());
        Assert.True(hostLease.CheckLease());
        var controllerLease = Lease(controller, "127.0.0.1:2");
        Assert.False(await controllerLease.Acquire());
        Assert.Equal("127.0.0.1:1", Holder());

        Assert.True(await hostLease.Release());
        Assert.False(hostLease.CheckLease());
        Assert.True(await controllerLease.Acquire());
        Assert.Equal("127.0.0.1:2", Holder());
    }

    public new void Dispose()
    {
        _db.Dispose();
        base.Dispose();
    }

    private string Holder() => _db.Rows($"SELECT holder FROM akka_leases WHERE name = '{LeaseName}'").Single()[0].ToString()!.Split('#')[0];

    private static Lease Lease(ActorSystem system, string owner) =>
        LeaseProvider.Get(system).GetLease(LeaseName, SqlLeaseConfig.ConfigPath, owner);

    private static ActorSystem Node(string role, Config leaseBlock) =>
        ActorSystem.Create("cluster", ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.cluster.roles = ["{{role}}"]
            """).WithFallback(leaseBlock).WithFallback(ClusterSerializationConfig.Hocon));

    private static async Task JoinAsync(ActorSystem system, ActorSystem seed)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        await cluster.JoinAsync(Akka.Cluster.Cluster.Get(seed).SelfAddress).WaitAsync(TimeSpan.FromSeconds(20));
    }
}
