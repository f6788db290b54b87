using Cluster.TestKit;

namespace Cluster.Actors.Tests.Kernel;

public sealed class DeadLetterAndLookupTests
{
    [Fact]
    public void A_message_to_a_stopped_actor_is_published_as_a_dead_letter()
    {
        var kit = new DeterministicTestKit();
        var deadLetters = kit.CreateProbe();
        kit.System.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var echo = kit.System.ActorOf(Props.Create<EchoActor>(), "echo");
        kit.System.Stop(echo);
        kit.RunUntilIdle();

        echo.Tell("lost?");

        var letter = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("lost?", letter.Message);
        Assert.Equal(echo, letter.Recipient);
    }

    [Fact]
    public void Children_are_found_by_their_hierarchical_path()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var parent = kit.System.ActorOf(Props.Create(() => new SupervisingParent(SupervisorStrategy.Default, Props.Create<EchoActor>())), "parent");
        var child = kit.Ask<ActorRef>(parent, "get-child");

        Assert.Equal("/user/parent/child", child.Path.Elements);
        Assert.Equal(child, kit.System.ResolvePath("/user/parent/child"));
        Assert.Equal(child, kit.System.ResolvePath(child.Path.ToString()));
        probe.Send(kit.System.ResolvePath("/user/parent/child"), "ping");
        Assert.Equal("ping", probe.ExpectMsg<string>());
    }

    [Fact]
    public void Duplicate_child_names_are_refused()
    {
        var kit = new DeterministicTestKit();
        kit.System.ActorOf(Props.Create<EchoActor>(), "same");

        var error = Assert.Throws<InvalidOperationException>(() => kit.System.ActorOf(Props.Create<EchoActor>(), "same"));
        Assert.Contains("not unique", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unhandled_messages_are_published()
    {
        var kit = new DeterministicTestKit();
        var unhandled = kit.CreateProbe();
        kit.System.EventStream.Subscribe(unhandled.Ref, typeof(UnhandledMessage));
        var guardianChild = kit.System.ActorOf(Props.Create(() => new StrictActor()));
        guardianChild.Tell(42);

        Assert.Equal(42, unhandled.ExpectMsg<UnhandledMessage>().Message);
    }

    private sealed class StrictActor : ActorBase
    {
        protected override void OnReceive(object message) => Unhandled(message);
    }
}
