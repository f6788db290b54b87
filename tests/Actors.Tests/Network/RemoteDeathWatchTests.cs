using Cluster.Actors.Deterministic;
using Cluster.TestKit;

namespace Cluster.Actors.Tests.Network;

public sealed class RemoteDeathWatchTests
{
    private static (DeterministicTestKit Kit, TestProbe Probe, ActorRef RemoteEcho) TwoNodes()
    {
        var kit = new DeterministicTestKit();
        kit.World.CreateNode("b", system => system.ActorOf(Props.Create<EchoActor>(), "echo"));
        var echo = kit.System.ResolvePath(new ActorPath(DeterministicWorld.AddressOf("b"), "/user/echo"));
        return (kit, kit.CreateProbe(), echo);
    }

    [Fact]
    public void A_remote_actor_that_stops_yields_terminated_with_existence_confirmed()
    {
        var (kit, probe, echo) = TwoNodes();
        probe.Watch(echo);
        kit.RunUntilIdle();
        kit.World.Node("b").Stop(kit.World.Node("b").ResolvePath("/user/echo"));

        var terminated = probe.ExpectMsg<Terminated>();
        Assert.Equal(echo, terminated.Actor);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void Watching_a_remote_path_with_nothing_there_yields_terminated()
    {
        var (kit, probe, _) = TwoNodes();
        var ghost = kit.System.ResolvePath(new ActorPath(DeterministicWorld.AddressOf("b"), "/user/ghost"));
        probe.Watch(ghost);

        Assert.False(probe.ExpectMsg<Terminated>().ExistenceConfirmed);
    }

    [Fact]
    public void A_crashed_node_yields_terminated_by_unreachability_after_the_timeout_and_not_before()
    {
        var (kit, probe, echo) = TwoNodes();
        probe.Watch(echo);
        kit.RunUntilIdle();
        kit.Crash("b");

        // Default: unreachable after 10 s of silence, checked every 1 s.
        probe.ExpectNoMsg(TimeSpan.FromSeconds(9));
        var terminated = probe.ExpectMsg<Terminated>(within: TimeSpan.FromSeconds(3));
        Assert.Equal(echo, terminated.Actor);
        Assert.True(terminated.AddressTerminated);
    }

    [Fact]
    public void A_partition_also_counts_as_unreachable()
    {
        var (kit, probe, echo) = TwoNodes();
        probe.Watch(echo);
        kit.RunUntilIdle();
        kit.Partition("test", "b");

        Assert.True(probe.ExpectMsg<Terminated>(within: TimeSpan.FromSeconds(12)).AddressTerminated);
    }

    [Fact]
    public void A_healthy_watched_node_is_never_reported()
    {
        var (kit, probe, echo) = TwoNodes();
        probe.Watch(echo);

        probe.ExpectNoMsg(TimeSpan.FromMinutes(10));
    }
}
