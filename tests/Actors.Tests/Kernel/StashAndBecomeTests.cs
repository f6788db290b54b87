using Cluster.TestKit;

namespace Cluster.Actors.Tests.Kernel;

public sealed class StashAndBecomeTests
{
    /// <summary>Stashes everything until "open"; "fail" throws; afterwards it reports messages to the probe.</summary>
    private sealed class Gate(ActorRef probe) : ActorBase
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "open":
                    Context.Become(Open);
                    Context.UnstashAll();
                    break;
                case "fail":
                    throw new InvalidOperationException("boom");
                default:
                    Context.Stash();
                    break;
            }
        }

        private void Open(object message)
        {
            if (message is "close")
            {
                Context.Unbecome();
                return;
            }

            probe.Tell(message);
        }
    }

    [Fact]
    public void UnstashAll_replays_stashed_messages_in_order_before_newer_ones()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var gate = kit.System.ActorOf(Props.Create(() => new Gate(probe.Ref)));
        gate.Tell(1);
        gate.Tell(2);
        gate.Tell("open");
        gate.Tell(3);

        Assert.Equal(1, probe.ExpectMsg<int>());
        Assert.Equal(2, probe.ExpectMsg<int>());
        Assert.Equal(3, probe.ExpectMsg<int>());
    }

    [Fact]
    public void Stashed_messages_survive_a_restart()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var gate = kit.System.ActorOf(Props.Create(() => new Gate(probe.Ref)));
        gate.Tell(1);
        gate.Tell(2);
        gate.Tell("fail");
        kit.RunUntilIdle();

        // The fresh instance stashes them again, then opens and sees both.
        gate.Tell("open");
        Assert.Equal(1, probe.ExpectMsg<int>());
        Assert.Equal(2, probe.ExpectMsg<int>());
    }

    [Fact]
    public void Unbecome_returns_to_the_previous_behaviour()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var gate = kit.System.ActorOf(Props.Create(() => new Gate(probe.Ref)));
        gate.Tell("open");
        gate.Tell("x");
        Assert.Equal("x", probe.ExpectMsg<string>());
        gate.Tell("close");
        gate.Tell("y");

        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }
}
