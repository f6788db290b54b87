using Cluster.TestKit;

namespace Cluster.Actors.Tests.Kernel;

public sealed class SupervisionTests
{
    private static (DeterministicTestKit Kit, TestProbe Probe, ActorRef Parent) Start(SupervisorStrategy strategy)
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var parent = kit.System.ActorOf(Props.Create(() => new SupervisingParent(strategy, Props.Create(() => new CountingActor(probe.Ref)))), "parent");
        return (kit, probe, parent);
    }

    private static SupervisorStrategy Always(Directive directive) => new(-1, Timeout.InfiniteTimeSpan, _ => directive);

    [Fact]
    public void Resume_keeps_the_state_and_drops_the_failing_message()
    {
        var (kit, probe, parent) = Start(Always(Directive.Resume));
        parent.Tell("a");
        parent.Tell("fail");
        parent.Tell("b");

        Assert.Equal("pre-start", probe.ExpectMsg<string>());
        Assert.Equal("a", probe.ExpectMsg<string>());
        Assert.Equal("b", probe.ExpectMsg<string>());
        Assert.Equal(2, kit.Ask<int>(parent, "count"));
    }

    [Fact]
    public void Restart_makes_a_fresh_instance_keeps_the_mailbox_and_does_not_retry_the_failing_message()
    {
        var (kit, probe, parent) = Start(Always(Directive.Restart));
        parent.Tell("a");
        parent.Tell("fail");
        parent.Tell("b");

        Assert.Equal("pre-start", probe.ExpectMsg<string>());
        Assert.Equal("a", probe.ExpectMsg<string>());
        Assert.Equal("pre-restart", probe.ExpectMsg<string>());
        Assert.Equal("post-stop", probe.ExpectMsg<string>());
        Assert.Equal("post-restart", probe.ExpectMsg<string>());
        Assert.Equal("pre-start", probe.ExpectMsg<string>());
        Assert.Equal("b", probe.ExpectMsg<string>());

        // The count was reset by the restart: only "b" counts.
        Assert.Equal(1, kit.Ask<int>(parent, "count"));
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var (kit, probe, parent) = Start(Always(Directive.Stop));
        var child = kit.Ask<ActorRef>(parent, "get-child");
        probe.ExpectMsg<string>(s => s == "pre-start");
        probe.Watch(child);
        parent.Tell("fail");

        // Terminated is a system message, so it overtakes the "post-stop" sent just before it.
        Assert.Equal(child, probe.ExpectMsg<Terminated>().Actor);
        Assert.Equal("post-stop", probe.ExpectMsg<string>());
    }

    [Fact]
    public void Escalate_fails_the_parent_so_its_supervisor_restarts_it()
    {
        var (kit, probe, parent) = Start(Always(Directive.Escalate));
        parent.Tell("a");
        probe.ExpectMsg<string>(s => s == "pre-start");
        probe.ExpectMsg<string>(s => s == "a");
        parent.Tell("fail");

        // The parent is restarted by /user's default strategy; its default PreRestart stops the child,
        // which would not happen had the failure stayed with the child (Restart would say pre-restart).
        Assert.Equal("post-stop", probe.ExpectMsg<string>());
        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void More_restarts_than_the_window_allows_stop_the_child()
    {
        var strategy = new SupervisorStrategy(3, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var (kit, probe, parent) = Start(strategy);
        var child = kit.Ask<ActorRef>(parent, "get-child");
        probe.Watch(child);
        for (var i = 0; i < 3; i++)
        {
            parent.Tell("fail");
            probe.FishForMessage<string>(s => s == "post-restart");
        }

        parent.Tell("fail");
        Assert.Equal(child, probe.FishForMessage<Terminated>(_ => true).Actor);
    }

    [Fact]
    public void Restarts_spread_beyond_the_window_are_allowed()
    {
        var strategy = new SupervisorStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var (kit, probe, parent) = Start(strategy);
        for (var i = 0; i < 5; i++)
        {
            parent.Tell("fail");
            probe.FishForMessage<string>(s => s == "post-restart");
            kit.Advance(TimeSpan.FromMinutes(2));
        }

        parent.Tell("still alive");
        Assert.Equal("still alive", probe.FishForMessage<string>(s => s == "still alive"));
    }

    [Fact]
    public void A_failing_constructor_stops_the_actor_by_default()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var broken = kit.System.ActorOf(Props.Create(() => throw new InvalidOperationException("no config")));
        probe.Watch(broken);

        Assert.Equal(broken, probe.ExpectMsg<Terminated>().Actor);
    }
}
