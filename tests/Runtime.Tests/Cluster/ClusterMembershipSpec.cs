using Akka.Actor;
using Cluster.Messages;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>
/// <see cref="ClusterMembership"/> on a real three-node cluster on loopback: controller a (this TestKit's system,
/// its own seed, so the oldest), controller b and host c joining it. Real sockets, bounded waits.
/// </summary>
public sealed class ClusterMembershipSpec : Akka.TestKit.Xunit2.TestKit, IClassFixture<SqliteTestDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    private readonly SqliteTestDatabase _leaseDatabase;
    private readonly List<ActorSystem> _others = [];
    private readonly ClusterMembership _membership;

    public ClusterMembershipSpec(SqliteTestDatabase leaseDatabase, ITestOutputHelper output)
        : base(SeedSetup(leaseDatabase), LoopbackNodes.SystemName, output)
    {
        _leaseDatabase = leaseDatabase;
        _membership = new ClusterMembership(Sys);
    }

    private string SelfAddress => Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString();

    [Fact]
    public async Task The_view_lists_every_member_with_its_roles_and_Up_and_names_the_leader_and_the_oldest_controller_as_the_singleton()
    {
        var (b, c) = await StartThreeNodeClusterAsync();

        var view = _membership.View();

        Assert.Equal(SelfAddress, view.SelfAddress);
        Assert.Equal(
            new[] { (SelfAddress, "controller"), (AddressOf(b), "controller"), (AddressOf(c), "host") }.Order(),
            view.Members.Select(m => (m.Address, Assert.Single(m.Roles))).Order());
        Assert.All(view.Members, m => Assert.Equal((ClusterMemberStatus.Up, true, 0), (m.Status, m.Reachable, m.UnreachableBy.Count)));
        Assert.All(view.Members, m => Assert.NotNull(m.Uid));
        // Akka's leader is the lowest address among the Up members; the singleton is the oldest controller, a.
        Assert.Equal(view.Members.Select(m => m.Address).MinBy(AkkaAddressOrder), view.Leader);
        Assert.Contains(view.ControllerLeader, new[] { SelfAddress, AddressOf(b) });
        Assert.Equal(SelfAddress, view.SingletonAt);
    }

    [Fact]
    public async Task Leave_of_a_member_makes_it_Exiting_then_Removed()
    {
        var (b, _) = await StartThreeNodeClusterAsync();

        var result = _membership.Leave(AddressOf(b));

        Assert.True(result.Accepted);
        Assert.Equal((AddressOf(b), ClusterMemberStatus.Up), (result.Member!.Address, result.Member.Status));
        await AwaitAssertAsync(() => Assert.DoesNotContain(_membership.View().Members, m => m.Address == AddressOf(b)), Patience);
        // A member that left shuts its node down (coordinated shutdown on removal).
        await b.WhenTerminated.WaitAsync(Patience);
        Assert.Equal(2, _membership.View().Members.Count);
    }

    [Fact]
    public async Task Down_of_a_member_removes_it_and_the_singleton_stays_with_the_oldest_controller()
    {
        var (_, c) = await StartThreeNodeClusterAsync();

        var result = _membership.Down(AddressOf(c));

        Assert.True(result.Accepted);
        await AwaitAssertAsync(() => Assert.DoesNotContain(_membership.View().Members, m => m.Address == AddressOf(c)), Patience);
        Assert.Equal(SelfAddress, _membership.View().SingletonAt);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("10.0.0.5:4053", "is not an Akka address")]
    [InlineData("akka.tcp://cluster", "must name a host and a port")]
    public void A_malformed_address_is_refused_naming_the_field_and_why(string address, string reason)
    {
        var result = _membership.Down(address);

        Assert.Equal(MembershipRefusal.MalformedAddress, result.Refusal);
        Assert.Equal("address", result.Error!.Field);
        Assert.Contains(reason, result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_is_no_member_is_refused_and_nothing_changes()
    {
        await AwaitAssertAsync(() => Assert.Equal(ClusterMemberStatus.Up, Assert.Single(_membership.View().Members).Status), Patience);

        var stranger = LoopbackNodes.Address(1);
        var leave = _membership.Leave(stranger);
        var down = _membership.Down(stranger);

        Assert.Equal((MembershipRefusal.NotAMember, MembershipRefusal.NotAMember), (leave.Refusal, down.Refusal));
        Assert.Equal($"{stranger} is not a member of this cluster (members: {SelfAddress})", down.Error!.Reason);
        Assert.Equal(ClusterMemberStatus.Up, Assert.Single(_membership.View().Members).Status);
    }

    protected override void AfterAll()
    {
        foreach (var other in _others)
        {
            Shutdown(other, verifySystemShutdown: false);
        }

        base.AfterAll();
    }

    private static Akka.Actor.Setup.ActorSystemSetup SeedSetup(SqliteTestDatabase leaseDatabase)
    {
        var port = TlsNodes.FreePort();
        return LoopbackNodes.Setup(ClusterRoles.Controller, leaseDatabase.LeaseBlock(), port, port);
    }

    private static string AddressOf(ActorSystem node) => Akka.Cluster.Cluster.Get(node).SelfAddress.ToString();

    /// <summary>The order Akka picks its leader by: host, then port (one protocol and system here).</summary>
    private static int AkkaAddressOrder(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>a first (so it is the oldest), then b and c; returns once a sees all three Up.</summary>
    private async Task<(ActorSystem B, ActorSystem C)> StartThreeNodeClusterAsync()
    {
        await AwaitAssertAsync(() => Assert.Equal(ClusterMemberStatus.Up, Assert.Single(_membership.View().Members).Status), Patience);
        var seedPort = Akka.Cluster.Cluster.Get(Sys).SelfAddress.Port!.Value;
        var b = Start(ClusterRoles.Controller, seedPort);
        var c = Start(ClusterRoles.Host, seedPort);
        await AwaitAssertAsync(() => Assert.Equal(3, _membership.View().Members.Count(m => m.Status == ClusterMemberStatus.Up)), Patience);
        return (b, c);
    }

    private ActorSystem Start(string role, int seedPort)
    {
        var system = LoopbackNodes.Start(role, _leaseDatabase.LeaseBlock(), seedPort);
        _others.Add(system);
        return system;
    }
}
