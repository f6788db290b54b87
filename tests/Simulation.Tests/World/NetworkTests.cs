using Cluster.Deciders;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Tests.World;

/// <summary>Two nodes: "a" hosts a sender that sends what its inputs ask it to; "b" hosts a receiver that records them.</summary>
public sealed class NetworkTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly SimAddress Receiver = new("b", "rx");
    private static readonly SimAddress Sender = new("a", "tx");

    private readonly SimWorld _world = new(seed: 7);
    private readonly ScriptedDecider _receiver = new((step, input, from) =>
    {
        if (input is Ping ping)
        {
            step.Send(from, new Pong(ping.N));
        }
    });

    private readonly ScriptedDecider _sender = new((step, input, _) =>
    {
        if (input is Ping)
        {
            step.Send(Receiver.AsPeer(), input);
        }
    });

    public NetworkTests()
    {
        _world.CreateNode("a", node => node.Host("tx", () => _sender));
        _world.CreateNode("b", node => node.Host("rx", () => _receiver));
    }

    private void SendFromA(int count)
    {
        for (var n = 0; n < count; n++)
        {
            _world.Send(Sender, new Ping(n));
        }
    }

    private List<object> Pongs() => _sender.Inputs().FindAll(i => i is Pong);

    [Fact]
    public void A_local_send_arrives_at_the_same_instant()
    {
        var echo = new ScriptedDecider();
        _world.CreateNode("c", node =>
        {
            node.Host("echo", () => echo);
            node.Host("starter", () => new ScriptedDecider(onStart: step => step.Send(new SimAddress("c", "echo").AsPeer(), new Ping(1))));
        });
        _world.Advance(TimeSpan.FromMilliseconds(5));

        Assert.Equal([TimeSpan.Zero], echo.Times());
    }

    [Fact]
    public void Messages_on_a_delayed_link_arrive_within_the_bounds_and_in_the_order_sent()
    {
        _world.SetFaults("a", "b", new LinkFaults { MinDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(200) });

        SendFromA(50);
        _world.Advance(Second);

        var received = _receiver.Received;
        Assert.Equal(Enumerable.Range(0, 50).Select(n => (object)new Ping(n)), received.Select(r => r.Input));
        Assert.All(received, r => Assert.InRange(r.At, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200)));
        Assert.True(received[^1].At > received[0].At, "the delays were drawn, not all equal");
        Assert.All(Pongs(), p => Assert.IsType<Pong>(p));
        Assert.Equal(50, Pongs().Count);
    }

    [Fact]
    public void A_link_that_drops_everything_delivers_nothing_and_counts_the_drops()
    {
        _world.SetFaults("a", "b", new LinkFaults { DropProbability = 1 });

        SendFromA(10);
        _world.Advance(Second);

        Assert.Empty(_receiver.Received);
        Assert.Equal(10, _world.Network.Dropped);
    }

    [Fact]
    public void A_lossy_link_drops_some_and_delivers_the_rest_in_order()
    {
        _world.SetFaults("a", "b", new LinkFaults { DropProbability = 0.5 });

        SendFromA(200);
        _world.Advance(Second);

        var numbers = _receiver.Inputs().Cast<Ping>().Select(p => p.N).ToList();
        Assert.InRange(numbers.Count, 60, 140);
        Assert.Equal(numbers.Order(), numbers);
    }

    [Fact]
    public void A_duplicating_link_delivers_every_message_twice()
    {
        _world.SetFaults("a", "b", new LinkFaults { DuplicateProbability = 1 });

        SendFromA(3);
        _world.Advance(Second);

        Assert.Equal([new Ping(0), new Ping(0), new Ping(1), new Ping(1), new Ping(2), new Ping(2)], _receiver.Inputs());
    }

    [Fact]
    public void A_partition_cuts_both_ways_until_healed()
    {
        _world.Partition("a", "b");
        SendFromA(1);
        _world.Send(new SimAddress("b", "rx"), new Ping(99), Sender.AsPeer());
        _world.Advance(Second);

        Assert.Empty(_receiver.Received.FindAll(r => r.Input is Ping(0)));
        Assert.Empty(Pongs());

        _world.Heal();
        SendFromA(1);
        _world.Advance(Second);

        Assert.Equal([new Pong(0)], Pongs());
    }

    [Fact]
    public void A_one_way_partition_lets_the_other_direction_through()
    {
        _world.Partition("b", "a", oneWay: true);

        SendFromA(2);
        _world.Advance(Second);

        Assert.Equal([new Ping(0), new Ping(1)], _receiver.Inputs());
        Assert.Empty(Pongs());
    }

    [Fact]
    public void A_partition_made_while_a_message_is_in_flight_loses_it()
    {
        _world.SetFaults("a", "b", new LinkFaults { MinDelay = Second, MaxDelay = Second });
        SendFromA(1);
        _world.Advance(TimeSpan.FromMilliseconds(500));
        _world.Isolate("b");
        _world.Advance(Second);

        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public void Messages_in_flight_to_a_node_that_crashes_are_lost_even_if_it_is_back_before_they_land()
    {
        var lives = new List<ScriptedDecider>();
        _world.CreateNode("c", node => node.Host("rx", () =>
        {
            var life = new ScriptedDecider();
            lives.Add(life);
            return life;
        }));
        _world.SetFaults("a", "c", new LinkFaults { MinDelay = Second, MaxDelay = Second });
        var toC = new ScriptedDecider(onStart: step => step.Send(new SimAddress("c", "rx").AsPeer(), new Ping(1)));

        _world.Node("a").Host("to-c", () => toC);
        _world.Advance(TimeSpan.FromMilliseconds(300));
        _world.Crash("c");
        _world.Restart("c");
        _world.Advance(2 * Second);

        Assert.Equal(2, lives.Count);
        Assert.Empty(lives[1].Received);
    }

    [Fact]
    public void A_crashed_senders_messages_in_flight_are_lost_while_it_is_down_and_land_if_it_is_back()
    {
        _world.SetFaults("a", "b", new LinkFaults { MinDelay = Second, MaxDelay = Second });

        _world.Send(Sender, new Ping(1));
        _world.Advance(TimeSpan.FromMilliseconds(100));
        _world.Crash("a");
        _world.Advance(2 * Second);

        _world.Restart("a");
        _world.Send(Sender, new Ping(2));
        _world.Advance(TimeSpan.FromMilliseconds(100));
        _world.Crash("a");
        _world.Restart("a");
        _world.Advance(2 * Second);

        Assert.Equal([new Ping(2)], _receiver.Inputs());
    }

    [Fact]
    public void A_message_to_a_name_nobody_hosts_is_a_dead_letter()
    {
        _world.Send(new SimAddress("b", "nobody"), new Ping(1));
        _world.RunUntilIdle();

        Assert.Equal(1, _world.DeadLetters);
    }

    [Fact]
    public void The_receiver_sees_the_senders_address_and_can_reply_to_it()
    {
        SendFromA(1);
        _world.Advance(Second);

        Assert.Equal(new Peer(Sender), _receiver.Received[0].From);
        Assert.Equal([new Pong(0)], Pongs());
    }
}
