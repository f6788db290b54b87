using Cluster.TestKit;

namespace Cluster.Actors.Tests.Kernel;

public sealed class DeathWatchTests
{
    [Fact]
    public void A_watcher_is_told_when_the_watched_actor_stops()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var echo = kit.System.ActorOf(Props.Create<EchoActor>());
        probe.Watch(echo);
        kit.RunUntilIdle();
        kit.System.Stop(echo);

        var terminated = probe.ExpectMsg<Terminated>();
        Assert.Equal(echo, terminated.Actor);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_yields_terminated_at_once()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var echo = kit.System.ActorOf(Props.Create<EchoActor>());
        kit.System.Stop(echo);
        kit.RunUntilIdle();

        probe.Watch(echo);
        Assert.Equal(echo, probe.ExpectMsg<Terminated>().Actor);
    }

    [Fact]
    public void Watching_a_path_where_nothing_ever_lived_yields_terminated()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var nobody = kit.System.ResolvePath("/user/never-existed");

        probe.Watch(nobody);
        var terminated = probe.ExpectMsg<Terminated>();
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void After_unwatch_no_terminated_arrives()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var echo = kit.System.ActorOf(Props.Create<EchoActor>());
        probe.Watch(echo);
        probe.Unwatch(echo);
        kit.RunUntilIdle();
        kit.System.Stop(echo);

        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Stopping_a_parent_stops_its_children_first()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var parent = kit.System.ActorOf(Props.Create(() => new SupervisingParent(SupervisorStrategy.Default, Props.Create(() => new CountingActor(probe.Ref)))));
        var child = kit.Ask<ActorRef>(parent, "get-child");
        probe.ExpectMsg<string>(s => s == "pre-start");
        probe.Watch(parent);
        kit.RunUntilIdle();
        kit.System.Stop(parent);

        // Which of the two the probe sees first depends on the interleaving; both must come.
        var seen = new[] { probe.ExpectMsg<object>(), probe.ExpectMsg<object>() };
        Assert.Contains("post-stop", seen);
        Assert.Contains(seen, m => m is Terminated t && t.Actor.Equals(parent));
        Assert.IsType<DeadActorRef>(kit.System.ResolvePath(child.Path.Elements));
    }
}
