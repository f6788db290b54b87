using Cluster.Deciders;
using Cluster.Deciders.Testing;
using static Cluster.Deciders.Testing.TestClock;

namespace Cluster.Runtime.Tests.Deciders;

/// <summary>The shared decider harness drives a decider as <see cref="Runtime.Deciders.DeciderShell"/> does, on the test's clock.</summary>
public sealed class DeciderHarnessTests
{
    private static readonly Peer Asker = new("asker");

    private readonly DeciderHarness<ToyDecider> _toy = new(new ToyDecider("toy-1"));

    [Fact]
    public void An_effect_with_a_runner_is_answered_from_no_one_before_the_send_returns()
    {
        _toy.RunAtOnce<Lookup>(lookup => new LookedUp(lookup.Key, "value"));
        _toy.Start();

        var looked = _toy.Send(new Look("key", Synchronous: true), Asker);

        Assert.Equal(new Lookup("key", true), looked.Effect<Lookup>());
        Assert.Equal(new Found("key", "value", FromNoOne: true), looked.ReplyTo<Found>(Asker));
        Assert.Equal([new ItemAdded("value")], looked.EventsOf<ItemAdded>());
        Assert.Equal(3, _toy.Steps.Count);
    }

    [Fact]
    public void An_effect_without_a_runner_is_only_recorded_for_the_test_to_answer()
    {
        _toy.Start();

        var looked = _toy.Send(new Look("key", Synchronous: false), Asker);
        var answered = _toy.Answer(new LookedUp("key", "late"));

        Assert.Empty(looked.Messages);
        Assert.Equal(new Found("key", "late", FromNoOne: true), answered.ReplyTo<Found>(Asker));
    }

    [Fact]
    public void Every_step_is_kept_as_a_copy_though_the_decider_reuses_its_step()
    {
        _toy.Start();

        var first = _toy.Send(new Add("a"), Asker);
        _toy.Send(new Add("b", "c"), Asker);

        Assert.Equal([new ItemAdded("a")], first.Events);
        Assert.Equal([new ItemAdded("b"), new ItemAdded("c")], _toy.Steps[^1].Events);
    }

    [Fact]
    public void A_fired_single_timer_is_gone_a_periodic_one_stays_and_a_cancelled_one_cannot_fire()
    {
        _toy.Start();
        _toy.Send(new Arm("once", "o", TimeSpan.FromSeconds(1)), Asker);
        _toy.Send(new Arm("every", "e", TimeSpan.FromSeconds(1), Periodic: true), Asker);
        _toy.Send(new Arm("never", "n", TimeSpan.FromSeconds(1)), Asker);
        _toy.Send(new Disarm("never"), Asker);

        var once = _toy.At(1).Fire("once");
        _toy.At(2).Fire("every");

        Assert.Equal(new Fired("o", At(1), FromNoOne: true), once.ReplyTo<Fired>(Asker));
        Assert.Equal(["every"], _toy.LiveTimers.Keys);
        Assert.Throws<InvalidOperationException>(() => _toy.Fire("never"));
    }

    [Fact]
    public void The_decider_must_be_started_once_before_any_input_and_hears_nothing_after_a_stop()
    {
        Assert.Throws<InvalidOperationException>(() => _toy.Send(new Add("a"), Asker));
        _toy.Start();
        Assert.Throws<InvalidOperationException>(() => _toy.Start());

        var quit = _toy.Send(new Quit(), Asker);

        Assert.True(quit.Stopped);
        Assert.Throws<InvalidOperationException>(() => _toy.Send(new Add("a"), Asker));
    }

    [Fact]
    public void The_clock_moves_only_forward()
    {
        _toy.At(5);

        Assert.Throws<ArgumentOutOfRangeException>(() => _toy.At(4));
        Assert.Equal(At(5), _toy.Now);
    }

    [Fact]
    public void A_persistent_decider_recovers_its_snapshot_and_later_events_before_the_start()
    {
        _toy.Recover(new[] { "a", "b" }, new ItemAdded("c"));
        _toy.Start();

        var state = _toy.Send(new GetState(), Asker).ReplyTo<ToyState>(Asker);

        Assert.Equal(["a", "b", "c"], state.Items);
        Assert.True(state.RecoveredFromSnapshot);
        Assert.Equal(1, state.ReplayedEvents);
        Assert.Throws<InvalidOperationException>(() => _toy.Recover(null, new ItemAdded("d")));
    }
}
