using Akka.Actor;
using Akka.TestKit;
using Cluster.Runtime.Deciders;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Deciders;

/// <summary>A decider in a plain actor, on virtual time: timers, <c>now</c>, peers, effects and stop.</summary>
public sealed class DeciderShellSpec(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(DeciderTestConfig.Hocon, output: output)
{
    private readonly ToyEffectRunner _effects = new();

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void A_timer_started_again_under_its_key_replaces_the_first_and_fires_on_virtual_time()
    {
        var toy = Sys.ActorOf(ToyActor.Props(_effects));
        toy.Tell(new Arm("k", "first", TimeSpan.FromSeconds(10)), TestActor);
        ExpectMsg<Armed>();
        toy.Tell(new Arm("k", "second", TimeSpan.FromSeconds(10)), TestActor);
        ExpectMsg<Armed>();
        var armedAt = AfterAllSoFar(toy);

        Scheduler.Advance(TimeSpan.FromSeconds(9));
        AfterAllSoFar(toy);
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        var fired = ExpectMsg<Fired>();
        Scheduler.Advance(TimeSpan.FromSeconds(30));
        AfterAllSoFar(toy);

        Assert.Equal("second", fired.Tag);
        Assert.Equal(armedAt + TimeSpan.FromSeconds(10), fired.Now);
        Assert.True(fired.FromNoOne);
    }

    [Fact]
    public void A_periodic_timer_fires_every_interval_until_cancelled()
    {
        var toy = Sys.ActorOf(ToyActor.Props(_effects));
        toy.Tell(new Arm("beat", "tick", TimeSpan.FromSeconds(3), Periodic: true), TestActor);
        ExpectMsg<Armed>();
        var armedAt = AfterAllSoFar(toy);

        Scheduler.Advance(TimeSpan.FromSeconds(3));
        var first = ExpectMsg<Fired>();
        Scheduler.Advance(TimeSpan.FromSeconds(3));
        var second = ExpectMsg<Fired>();
        toy.Tell(new Disarm("beat"), TestActor);
        ExpectMsg<Disarmed>();
        Scheduler.Advance(TimeSpan.FromSeconds(9));
        AfterAllSoFar(toy);

        Assert.Equal(armedAt + TimeSpan.FromSeconds(3), first.Now);
        Assert.Equal(armedAt + TimeSpan.FromSeconds(6), second.Now);
    }

    [Fact]
    public void Inputs_without_a_sender_or_from_dead_letters_come_from_no_one()
    {
        var toy = Sys.ActorOf(ToyActor.Props(_effects));

        toy.Tell(new Ping(), ActorRefs.NoSender);
        toy.Tell(new Ping(), Sys.DeadLetters);
        toy.Tell(new Ping(), TestActor);
        toy.Tell(new GetState(), TestActor);

        Assert.Equal(2, ExpectMsg<ToyState>().PingsFromNoOne);
    }

    [Fact]
    public void A_synchronous_effect_result_is_decided_before_the_next_mailbox_message()
    {
        var toy = Sys.ActorOf(ToyActor.Props(_effects));

        toy.Tell(new Look("x", Synchronous: true), TestActor);
        toy.Tell(new GetState(), TestActor);

        Assert.Equal(new Found("x", "value-of-x", FromNoOne: true), ExpectMsg<Found>());
        Assert.Equal(["value-of-x"], ExpectMsg<ToyState>().Items);
    }

    [Fact]
    public void An_asynchronous_effect_result_comes_back_through_the_mailbox_as_an_input_from_no_one()
    {
        var toy = Sys.ActorOf(ToyActor.Props(_effects));

        toy.Tell(new Look("y", Synchronous: false), TestActor);
        Assert.Empty(AfterAllSoFarState(toy).Items);
        _effects.Complete("y", "Y");

        Assert.Equal(new Found("y", "Y", FromNoOne: true), ExpectMsg<Found>());
    }

    [Fact]
    public void An_effect_that_throws_restarts_the_actor_with_a_fresh_decider()
    {
        var toy = Sys.ActorOf(ToyActor.Props(_effects));
        toy.Tell(new Look("y", Synchronous: true), TestActor);
        ExpectMsg<Found>();
        toy.Tell(new Look("z", Synchronous: false), TestActor);

        EventFilter.Exception<EffectFailedException>().ExpectOne(() => _effects.Fail("z"));

        Assert.Empty(AfterAllSoFarState(toy).Items);
    }

    [Fact]
    public void A_step_that_stops_sends_its_messages_first()
    {
        var toy = Sys.ActorOf(ToyActor.Props(_effects));
        Watch(toy);

        toy.Tell(new Quit(), TestActor);

        ExpectMsg<Bye>();
        ExpectTerminated(toy);
    }

    /// <summary>Every earlier message has been handled once this answer arrives, and nothing else was sent meanwhile.</summary>
    private DateTimeOffset AfterAllSoFar(IActorRef toy)
    {
        AfterAllSoFarState(toy);
        return Scheduler.Now;
    }

    private ToyState AfterAllSoFarState(IActorRef toy)
    {
        toy.Tell(new GetState(), TestActor);
        return ExpectMsg<ToyState>();
    }
}
