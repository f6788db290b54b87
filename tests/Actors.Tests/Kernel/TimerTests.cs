using Cluster.TestKit;

namespace Cluster.Actors.Tests.Kernel;

public sealed class TimerTests
{
    private sealed record Arm(string Key, string Message, TimeSpan Delay, bool Periodic = false);

    private sealed record CancelTimer(string Key);

    /// <summary>Arms timers on request and reports every other message to the probe.</summary>
    private sealed class TimerActor(ActorRef probe) : ActorBase
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Arm { Periodic: true } arm:
                    Timers.StartPeriodicTimer(arm.Key, arm.Message, arm.Delay);
                    break;
                case Arm arm:
                    Timers.StartSingleTimer(arm.Key, arm.Message, arm.Delay);
                    break;
                case CancelTimer cancel:
                    Timers.Cancel(cancel.Key);
                    break;
                case "fail":
                    throw new InvalidOperationException("fail");
                default:
                    probe.Tell(message);
                    break;
            }
        }
    }

    private static (DeterministicTestKit, TestProbe, ActorRef) Start()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var actor = kit.System.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        return (kit, probe, actor);
    }

    [Fact]
    public void A_single_timer_fires_once_at_its_delay()
    {
        var (kit, probe, actor) = Start();
        actor.Tell(new Arm("k", "tick", TimeSpan.FromSeconds(5)));

        probe.Within(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), () => probe.ExpectMsg<string>(s => s == "tick", TimeSpan.FromSeconds(10)));
        probe.ExpectNoMsg(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_periodic_timer_fires_every_interval()
    {
        var (kit, probe, actor) = Start();
        actor.Tell(new Arm("k", "tick", TimeSpan.FromSeconds(3), Periodic: true));
        kit.RunUntilIdle();
        kit.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(10, probe.QueuedCount);
    }

    [Fact]
    public void Restarting_a_key_replaces_the_timer_before_it_fires()
    {
        var (kit, probe, actor) = Start();
        actor.Tell(new Arm("k", "old", TimeSpan.FromSeconds(5)));
        actor.Tell(new Arm("k", "new", TimeSpan.FromSeconds(7)));

        Assert.Equal("new", probe.ExpectMsg<string>(within: TimeSpan.FromSeconds(10)));
        probe.ExpectNoMsg(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_replaced_timer_message_already_in_the_mailbox_is_never_delivered()
    {
        var (kit, probe, actor) = Start();
        actor.Tell(new Arm("k", "old", TimeSpan.FromSeconds(5)));
        kit.RunUntilIdle();

        // The replacement is queued, then the old timer fires: its message lands behind the replacement.
        actor.Tell(new Arm("k", "new", TimeSpan.FromSeconds(1)));
        Assert.True(kit.World.Clock.FireNext(kit.World.Clock.GetUtcNow() + TimeSpan.FromSeconds(5)));
        kit.RunUntilIdle();

        Assert.Equal("new", probe.ExpectMsg<string>(within: TimeSpan.FromSeconds(10)));
        probe.ExpectNoMsg(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_cancelled_timer_never_fires()
    {
        var (kit, probe, actor) = Start();
        actor.Tell(new Arm("k", "tick", TimeSpan.FromSeconds(5)));
        actor.Tell(new CancelTimer("k"));

        probe.ExpectNoMsg(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts_or_stops()
    {
        var (kit, probe, actor) = Start();
        actor.Tell(new Arm("k", "tick", TimeSpan.FromSeconds(5), Periodic: true));
        actor.Tell("fail");
        probe.ExpectNoMsg(TimeSpan.FromSeconds(30));

        actor.Tell(new Arm("k", "tick", TimeSpan.FromSeconds(5), Periodic: true));
        probe.ExpectMsg<string>(within: TimeSpan.FromSeconds(6));
        kit.System.Stop(actor);
        kit.RunUntilIdle();
        kit.Advance(TimeSpan.FromMinutes(1));

        // A periodic timer left running would now be knocking on a closed mailbox: a dead letter a tick.
        Assert.Equal(0, kit.System.DeadLetterCount);
    }
}
