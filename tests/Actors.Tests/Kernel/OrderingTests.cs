using Cluster.TestKit;

namespace Cluster.Actors.Tests.Kernel;

public sealed class OrderingTests
{
    private sealed record Numbered(int Sender, int Seq);

    /// <summary>Checks per-sender order and counts everything it got.</summary>
    private sealed class OrderChecker(ActorRef probe, int expectedTotal) : ActorBase
    {
        private readonly Dictionary<int, int> _last = [];
        private int _total;
        private int _outOfOrder;

        protected override void OnReceive(object message)
        {
            var n = (Numbered)message;
            if (_last.TryGetValue(n.Sender, out var last) && n.Seq != last + 1)
            {
                _outOfOrder++;
            }

            _last[n.Sender] = n.Seq;
            if (++_total == expectedTotal)
            {
                probe.Tell(_outOfOrder);
            }
        }
    }

    private sealed class Sender(ActorRef target, int id, int count) : ActorBase
    {
        protected override void OnReceive(object message)
        {
            for (var i = 1; i <= count; i++)
            {
                target.Tell(new Numbered(id, i), Self);
            }
        }
    }

    [Fact]
    public void Messages_from_one_sender_arrive_in_order_under_seeded_interleavings()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var kit = new DeterministicTestKit(seed);
            var probe = kit.CreateProbe();
            var checker = kit.System.ActorOf(Props.Create(() => new OrderChecker(probe.Ref, 5 * 200)));
            for (var id = 0; id < 5; id++)
            {
                var sender = id;
                kit.System.ActorOf(Props.Create(() => new Sender(checker, sender, 200))).Tell("go");
            }

            Assert.Equal(0, probe.ExpectMsg<int>());
        }
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_order_on_the_thread_pool()
    {
        await using var system = ActorSystem.Create(new ActorSystemOptions());
        var probe = new TestProbe(system, new RealTimeProgress());
        const int senders = 8;
        const int perSender = 20_000;
        var checker = system.ActorOf(Props.Create(() => new OrderChecker(probe.Ref, senders * perSender)));
        for (var id = 0; id < senders; id++)
        {
            var sender = id;
            system.ActorOf(Props.Create(() => new Sender(checker, sender, perSender))).Tell("go");
        }

        Assert.Equal(0, probe.ExpectMsg<int>(within: TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var deadLetters = kit.CreateProbe();
        kit.System.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var actor = kit.System.ActorOf(Props.Create(() => new CountingActor(probe.Ref)));
        for (var i = 0; i < 50; i++)
        {
            actor.Tell(i);
        }

        // The stop is sent after 50 user messages but must be handled before any of them.
        kit.System.Stop(actor);
        kit.RunUntilIdle();

        Assert.Equal("pre-start", probe.ExpectMsg<string>());
        Assert.Equal("post-stop", probe.ExpectMsg<string>());
        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(50, kit.System.DeadLetterCount);
        Assert.Equal(0, deadLetters.ExpectMsg<DeadLetter>().Message);
    }
}
