using Cluster.Actors.Deterministic;
using Cluster.TestKit;

namespace Cluster.Actors.Tests.Network;

public sealed class SimulatedNetworkTests
{
    /// <summary>A kit with a second node "b" running an echo actor at /user/echo.</summary>
    private static (DeterministicTestKit Kit, TestProbe Probe, ActorRef RemoteEcho) TwoNodes(int seed = 1)
    {
        var kit = new DeterministicTestKit(seed);
        kit.World.CreateNode("b", system => system.ActorOf(Props.Create<EchoActor>(), "echo"));
        var echo = kit.System.ResolvePath(new ActorPath(DeterministicWorld.AddressOf("b"), "/user/echo"));
        return (kit, kit.CreateProbe(), echo);
    }

    [Fact]
    public void Messages_cross_nodes_and_replies_find_their_way_back()
    {
        var (kit, probe, echo) = TwoNodes();
        probe.Send(echo, "hello");

        Assert.Equal("hello", probe.ExpectMsg<string>());
        Assert.Equal(echo, probe.LastSender);
        Assert.Equal("hello", kit.Ask<string>(echo, "hello"));
    }

    [Fact]
    public void A_link_that_drops_everything_delivers_nothing()
    {
        var (kit, probe, echo) = TwoNodes();
        kit.World.SetFaults("test", "b", new LinkFaults { DropProbability = 1 });
        probe.Send(echo, "lost");

        probe.ExpectNoMsg(TimeSpan.FromSeconds(5));
        Assert.True(kit.World.Network.Dropped >= 1);
    }

    [Fact]
    public void A_lossy_link_drops_about_the_configured_share()
    {
        var (kit, probe, echo) = TwoNodes();
        kit.World.SetFaults("test", "b", new LinkFaults { DropProbability = 0.3 });
        for (var i = 0; i < 1000; i++)
        {
            probe.Send(echo, i);
        }

        kit.RunUntilIdle();
        Assert.InRange(probe.QueuedCount, 600, 800);
    }

    [Fact]
    public void Delay_holds_messages_back_and_keeps_their_order()
    {
        var (kit, probe, echo) = TwoNodes();
        kit.World.SetFaults("test", "b", new LinkFaults { MinDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromMilliseconds(900) });
        for (var i = 0; i < 20; i++)
        {
            probe.Send(echo, i);
        }

        kit.RunUntilIdle();
        Assert.Equal(0, probe.QueuedCount);
        probe.Within(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(900), () => probe.ExpectMsg<int>(i => i == 0));
        for (var i = 1; i < 20; i++)
        {
            Assert.Equal(i, probe.ExpectMsg<int>());
        }
    }

    [Fact]
    public void Duplication_delivers_twice()
    {
        var (kit, probe, echo) = TwoNodes();
        kit.World.SetFaults("test", "b", new LinkFaults { DuplicateProbability = 1 });
        probe.Send(echo, "twice");

        Assert.Equal("twice", probe.ExpectMsg<string>());
        Assert.Equal("twice", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_one_way_partition_cuts_only_one_direction()
    {
        var (kit, probe, _) = TwoNodes();
        var nodeB = kit.World.Node("b");
        var probeOnB = kit.CreateProbe(nodeB);
        var relayOnB = nodeB.ActorOf(Props.Create(() => new ForwardingActor(probeOnB.Ref)), "relay");
        var relayOnTest = kit.System.ActorOf(Props.Create(() => new ForwardingActor(probe.Ref)), "relay");
        kit.Partition("b", "test", oneWay: true);

        probe.Send(kit.System.ResolvePath(new ActorPath(DeterministicWorld.AddressOf("b"), relayOnB.Path.Elements)), "test to b");
        Assert.Equal("test to b", probeOnB.ExpectMsg<string>());

        probeOnB.Send(nodeB.ResolvePath(new ActorPath(DeterministicWorld.AddressOf("test"), relayOnTest.Path.Elements)), "b to test");
        probe.ExpectNoMsg(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Heal_restores_a_full_partition()
    {
        var (kit, probe, echo) = TwoNodes();
        kit.Partition("test", "b");
        probe.Send(echo, "during");
        probe.ExpectNoMsg(TimeSpan.FromSeconds(2));

        kit.Heal();
        probe.Send(echo, "after");
        Assert.Equal("after", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_crashed_node_loses_its_actors_and_a_restarted_one_runs_its_start_up_again()
    {
        var (kit, probe, echo) = TwoNodes();
        kit.Crash("b");
        probe.Send(echo, "into the void");
        probe.ExpectNoMsg(TimeSpan.FromSeconds(2));

        kit.Restart("b");
        probe.Send(echo, "back");
        Assert.Equal("back", probe.ExpectMsg<string>());
    }

    [Fact]
    public void Messages_in_flight_when_a_partition_starts_are_lost()
    {
        var (kit, probe, echo) = TwoNodes();
        kit.World.SetFaults("test", "b", new LinkFaults { MinDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1) });
        probe.Send(echo, "in flight");
        kit.RunUntilIdle();
        kit.Partition("test", "b");

        probe.ExpectNoMsg(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Invalid_fault_settings_name_the_field()
    {
        var (kit, _, _) = TwoNodes();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => kit.World.SetFaults("test", "b", new LinkFaults { DropProbability = 1.5 }));
        Assert.Equal("DropProbability", error.ParamName);
    }

    [Fact]
    public void A_crashed_node_leaves_no_timers_ticking()
    {
        var world = new DeterministicWorld(seed: 1);
        world.CreateNode("lonely");
        world.Advance(TimeSpan.FromSeconds(3));
        Assert.NotNull(world.Clock.NextDue);

        world.Crash("lonely");
        world.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(world.Clock.NextDue);
    }
}
