using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Cluster.Runtime.Deciders;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Deciders;

/// <summary>A decider in a persistent actor over Akka.Persistence.TestKit's journal, whose writes the tests hold, fail or reject.</summary>
public sealed class PersistentDeciderShellSpec(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(DeciderTestConfig.Hocon, output: output)
{
    private readonly ToyEffectRunner _effects = new();

    private ITestJournal Journal => TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));

    private IActorRef SnapshotStore => Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

    [Fact]
    public async Task A_reply_goes_out_only_once_its_events_are_stored()
    {
        var (reachedJournal, release) = await HoldWrites();
        var toy = Start("held");

        toy.Tell(new Add("a"), TestActor);
        await reachedJournal.Task.WaitAsync(RemainingOrDefault);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        release.SetResult();

        Assert.Equal(1, ExpectMsg<Added>().Count);
    }

    [Fact]
    public async Task Steps_decided_during_a_write_wait_for_it_even_without_events_of_their_own()
    {
        var (reachedJournal, release) = await HoldWrites();
        var toy = Start("waiting");

        toy.Tell(new Add("a"), TestActor);
        await reachedJournal.Task.WaitAsync(RemainingOrDefault);
        toy.Tell(new GetState(), TestActor);
        toy.Tell(new Add("b"), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        release.SetResult();

        Assert.Equal(1, ExpectMsg<Added>().Count);
        Assert.Equal(["a"], ExpectMsg<ToyState>().Items);
        Assert.Equal(2, ExpectMsg<Added>().Count);
    }

    [Fact]
    public void Steps_in_flight_are_answered_in_order_and_a_query_waits_behind_the_writes()
    {
        var toy = Start("pipeline");

        toy.Tell(new Add("a"), TestActor);
        toy.Tell(new Add("b", "c"), TestActor);
        toy.Tell(new GetState(), TestActor);

        Assert.Equal(1, ExpectMsg<Added>().Count);
        Assert.Equal(3, ExpectMsg<Added>().Count);
        Assert.Equal(["a", "b", "c"], ExpectMsg<ToyState>().Items);
    }

    [Fact]
    public async Task A_failed_write_sends_nothing_of_that_step_or_later_ones_and_the_next_incarnation_recovers_what_was_stored()
    {
        var toy = Start("fail");
        toy.Tell(new Add("a"), TestActor);
        ExpectMsg<Added>();
        Watch(toy);
        await Journal.OnWrite.Fail();

        toy.Tell(new Add("b"), TestActor);
        toy.Tell(new Add("c"), TestActor);
        toy.Tell(new GetState(), TestActor);

        // Any reply would arrive before the actor stops: the first message must be its termination.
        Assert.Equal(toy, ExpectMsg<Terminated>().ActorRef);
        await Journal.OnWrite.Pass();
        var state = StateOf(Start("fail"));
        Assert.Equal(["a"], state.Items);
        Assert.Equal(1, state.ReplayedEvents);
    }

    [Fact]
    public async Task A_rejected_write_sends_nothing_and_restarts_the_actor_on_the_stored_state()
    {
        var toy = Start("reject");
        toy.Tell(new Add("a"), TestActor);
        ExpectMsg<Added>();
        await Journal.OnWrite.Reject();

        EventFilter.Exception<StepNotStoredException>().ExpectOne(() => toy.Tell(new Add("b"), TestActor));
        await Journal.OnWrite.Pass();

        var state = StateOf(toy);
        Assert.Equal(["a"], state.Items);
        Assert.Equal(1, state.ReplayedEvents);
    }

    [Fact]
    public async Task Recovery_starts_from_the_snapshot_and_replays_only_the_later_events()
    {
        var toy = Start("snap");
        toy.Tell(new Add("a", "b"), TestActor);
        ExpectMsg<Added>();
        toy.Tell(new Snap(), TestActor);
        ExpectMsg<Snapped>();
        toy.Tell(new Add("c"), TestActor);
        ExpectMsg<Added>();
        Stop(toy);

        var saved = await SnapshotStore.Ask<LoadSnapshotResult>(new LoadSnapshot("snap", SnapshotSelectionCriteria.Latest, long.MaxValue), RemainingOrDefault);
        var state = StateOf(Start("snap"));

        Assert.Equal(2, saved.Snapshot.Metadata.SequenceNr);
        Assert.Equal(["a", "b", "c"], state.Items);
        Assert.True(state.RecoveredFromSnapshot);
        Assert.Equal(1, state.ReplayedEvents);
    }

    [Fact]
    public void An_effect_result_is_an_input_whose_events_are_stored_before_its_reply()
    {
        var toy = Start("effects");

        toy.Tell(new Look("k", Synchronous: false), TestActor);
        _effects.Complete("k", "V");
        Assert.Equal(new Found("k", "V", FromNoOne: true), ExpectMsg<Found>());
        toy.Tell(new Look("s", Synchronous: true), TestActor);
        Assert.Equal(new Found("s", "value-of-s", FromNoOne: true), ExpectMsg<Found>());
        Stop(toy);

        Assert.Equal(["V", "value-of-s"], StateOf(Start("effects")).Items);
    }

    [Fact]
    public void A_step_that_stops_is_stored_and_answered_before_the_actor_stops()
    {
        var toy = Start("quit");
        toy.Tell(new Add("a"), TestActor);
        Watch(toy);

        toy.Tell(new Quit(), TestActor);

        ExpectMsg<Added>();
        ExpectMsg<Bye>();
        ExpectTerminated(toy);
        Assert.Equal(["a"], StateOf(Start("quit")).Items);
    }

    /// <summary>Every write waits in the journal until the test releases it; the first reaching it is signalled.</summary>
    private async Task<(TaskCompletionSource ReachedJournal, TaskCompletionSource Release)> HoldWrites()
    {
        var reachedJournal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Journal.OnWrite.FailIf(async _ =>
        {
            reachedJournal.TrySetResult();
            await release.Task;
            return false;
        });
        return (reachedJournal, release);
    }

    private IActorRef Start(string persistenceId) => Sys.ActorOf(ToyPersistentActor.Props(persistenceId, _effects));

    private void Stop(IActorRef toy)
    {
        Watch(toy);
        toy.Tell(new Quit(), TestActor);
        ExpectMsg<Bye>();
        ExpectTerminated(toy);
        Unwatch(toy);
    }

    private ToyState StateOf(IActorRef toy)
    {
        toy.Tell(new GetState(), TestActor);
        return ExpectMsg<ToyState>();
    }
}
