using System.Runtime.Serialization;
using Cluster.Deciders;
using Cluster.Messages;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Tests.World;

public sealed class PersistenceTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly SimAddress Counter = new("n1", "counter");

    private readonly SimWorld _world = new(seed: 3);
    private readonly List<CounterDecider> _lives = [];
    private readonly List<ReadDisk> _effectsRun = [];

    private PersistenceTests(int snapshotEvery)
    {
        _world.HandleEffect<ReadDisk>(read =>
        {
            _effectsRun.Add(read);
            return null;
        });
        _world.CreateNode("n1", node => node.Host("counter", () =>
        {
            var life = new CounterDecider("counter-1", snapshotEvery);
            _lives.Add(life);
            return life;
        }));
    }

    public PersistenceTests()
        : this(snapshotEvery: 0)
    {
    }

    private CounterDecider Current => _lives[^1];

    private Total AddAndAsk(int amount) => (Total)_world.Ask(Counter.AsPeer(), new Add(amount), Second);

    [Fact]
    public void A_restarted_node_recovers_its_decider_from_the_journal_before_starting_it()
    {
        AddAndAsk(2);
        AddAndAsk(3);

        _world.Crash("n1");
        _world.Restart("n1");

        Assert.Equal(5, Current.Value);
        Assert.Equal(2, Current.ReplayedEvents);
        Assert.True(Current.Started);
        Assert.Equal(new Total(9, 0), AddAndAsk(4));
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_replays_only_the_events_after_it()
    {
        var world = new PersistenceTests(snapshotEvery: 3);
        for (var i = 1; i <= 5; i++)
        {
            world.AddAndAsk(i);
        }

        world._world.Crash("n1");
        world._world.Restart("n1");

        Assert.Equal(6, world.Current.RecoveredSnapshot);
        Assert.Equal(2, world.Current.ReplayedEvents);
        Assert.Equal(15, world.Current.Value);
        Assert.Equal(1, world._world.Snapshots.Saved);
    }

    [Fact]
    public void The_journal_reads_back_each_event_with_its_sequence_number_and_the_time_it_was_stored()
    {
        AddAndAsk(2);
        _world.Advance(3 * Second);
        AddAndAsk(5);

        var entries = _world.Journal.Read("counter-1", afterSequenceNr: 0);

        Assert.Equal([1L, 2L], entries.Select(e => e.SequenceNr));
        Assert.Equal([TimeSpan.Zero, 3 * Second], entries.Select(e => e.StoredAt));
        Assert.Equal(new Added(5), Assert.Single(_world.Journal.Read("counter-1", afterSequenceNr: 1)).Event);
    }

    [Fact]
    public void A_steps_events_are_stored_before_its_effects_run()
    {
        var journalAtEffect = new List<long>();
        var world = new SimWorld(seed: 1);
        world.HandleEffect<ReadDisk>(_ =>
        {
            journalAtEffect.Add(world.Journal.HighestSequenceNr("c"));
            return null;
        });
        world.CreateNode("n1", node => node.Host("counter", () => new CounterDecider("c")));

        world.Send(new SimAddress("n1", "counter"), new Add(1));
        world.Send(new SimAddress("n1", "counter"), new Add(1));
        world.RunUntilIdle();

        Assert.Equal([1L, 2L], journalAtEffect);
    }

    [Fact]
    public void A_refused_write_performs_nothing_of_its_step_and_the_decider_comes_back_from_the_journal()
    {
        AddAndAsk(2);
        var beforeFailure = Current;
        _world.Journal.FailNextWrites("counter-1");

        Assert.Throws<TimeoutException>(() => _world.Ask(Counter.AsPeer(), new Add(40), Second));

        Assert.Equal(1, _world.Journal.RefusedWrites);
        Assert.Equal([new Added(2)], _world.Journal.Events("counter-1"));
        Assert.Single(_effectsRun);
        Assert.NotSame(beforeFailure, Current);
        Assert.Equal(2, Current.Value);
        Assert.Equal(new Total(5, 0), AddAndAsk(3));
    }

    [Fact]
    public void A_refused_writer_stays_away_for_the_backoff_and_its_timers_die()
    {
        _world.RestartAfterRefusedWrite = TimeSpan.FromSeconds(5);
        AddAndAsk(1);
        Assert.True(_world.Node("n1").HasTimer("counter", "after-add"));
        _world.Journal.FailNextWrites("counter-1");
        _world.Send(Counter, new Add(1));
        _world.RunUntilIdle();

        Assert.Null(_world.Node("n1").DeciderAt("counter"));
        _world.Send(Counter, new GetTotal());
        _world.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, _world.DeadLetters);

        _world.Advance(Second);
        Assert.Same(Current, _world.Node("n1").DeciderAt("counter"));
        Assert.False(_world.Node("n1").HasTimer("counter", "after-add"));
        Assert.Equal(new Total(1, 0), _world.Ask(Counter.AsPeer(), new GetTotal(), Second));
    }

    [Fact]
    public void The_wire_codec_round_trips_a_real_event_and_rejects_one_production_could_not_store()
    {
        var codec = WireJournalCodec.Instance;
        var original = new AlarmCleared("alarm-1", "fixed", DateTimeOffset.UnixEpoch);

        var stored = codec.Encode(original);

        Assert.NotSame(original, stored);
        Assert.Equal(original, codec.Decode(stored));
        Assert.Throws<SerializationException>(() => codec.Encode(new Added(1)));
    }

    [Fact]
    public void A_world_on_the_wire_codec_fails_a_step_persisting_an_unserializable_event()
    {
        var world = new SimWorld(seed: 1, WireJournalCodec.Instance);
        world.HandleEffect<ReadDisk>(_ => null);
        world.CreateNode("n1", node => node.Host("counter", () => new CounterDecider("c")));

        world.Send(new SimAddress("n1", "counter"), new Add(1), Peer.None);

        Assert.Throws<SerializationException>(() => world.RunUntilIdle());
    }
}
