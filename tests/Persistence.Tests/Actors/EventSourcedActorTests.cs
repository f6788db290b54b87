using Cluster.Actors;
using Cluster.TestKit;

namespace Cluster.Persistence.Tests.Actors;

public sealed class EventSourcedActorTests
{
    private readonly DeterministicTestKit _kit = new();
    private readonly InMemoryJournal _journal;
    private readonly InMemorySnapshotStore _snapshots = new();
    private readonly PersistenceServices _persistence;

    public EventSourcedActorTests()
    {
        _journal = new InMemoryJournal(_kit.World.Clock);
        var serializer = new JsonEventSerializer().Register<Added>("added.v1").Register<int>("counter-snapshot.v1");
        _persistence = new PersistenceServices(_journal, _snapshots, serializer, "test-writer", maxConcurrentRecoveries: 1);
    }

    private ActorRef Counter(string id, ActorRef? observer = null) =>
        _kit.System.ActorOf(Props.Create(() => new CounterActor(_persistence, id, observer)));

    [Fact]
    public void Persisted_events_are_recovered_by_a_new_incarnation()
    {
        var first = Counter("c-1");
        foreach (var amount in new[] { 1, 2, 3 })
        {
            Assert.Equal("ok", _kit.Ask<string>(first, new CounterActor.Add(amount)));
        }

        _kit.System.Stop(first);
        _kit.RunUntilIdle();

        var second = Counter("c-1");
        Assert.Equal(new CounterActor.State(6, 3), _kit.Ask<CounterActor.State>(second, new CounterActor.Get()));
    }

    [Fact]
    public void Commands_sent_before_recovery_completes_wait_and_keep_their_order()
    {
        var probe = _kit.CreateProbe();
        var counter = Counter("c-2", probe.Ref);
        probe.Send(counter, new CounterActor.Add(5));
        probe.Send(counter, new CounterActor.Get());

        Assert.Equal("recovered", probe.ExpectMsg<string>());
        Assert.Equal("ok", probe.ExpectMsg<string>());
        Assert.Equal(new CounterActor.State(5, 1), probe.ExpectMsg<CounterActor.State>());
    }

    [Fact]
    public void A_failed_write_is_never_acknowledged_and_stops_the_actor()
    {
        var probe = _kit.CreateProbe();
        var counter = Counter("c-3");
        Assert.Equal("ok", _kit.Ask<string>(counter, new CounterActor.Add(1)));
        probe.Watch(counter);
        _journal.WriteFault = () => new IOException("disk full");

        probe.Send(counter, new CounterActor.Add(2));

        Assert.Equal(counter, probe.ExpectMsg<Terminated>().Actor);
        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
        _journal.WriteFault = null;
        Assert.Equal(new CounterActor.State(1, 1), _kit.Ask<CounterActor.State>(Counter("c-3"), new CounterActor.Get()));
    }

    [Fact]
    public async Task Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        var probe = _kit.CreateProbe();
        var counter = Counter("c-4", probe.Ref);
        probe.ExpectMsg<string>(s => s == "recovered");
        _kit.Ask<string>(counter, new CounterActor.Add(10));
        _kit.Ask<string>(counter, new CounterActor.Add(20));
        counter.Tell(new CounterActor.Snap());
        Assert.Equal(2, probe.ExpectMsg<SaveSnapshotSuccess>().SequenceNr);
        _kit.Ask<string>(counter, new CounterActor.Add(5));
        _kit.System.Stop(counter);
        _kit.RunUntilIdle();

        // Remove the events the snapshot covers: recovery must not need them.
        await _journal.DeleteToAsync("c-4", 2);

        Assert.Equal(new CounterActor.State(35, 3), _kit.Ask<CounterActor.State>(Counter("c-4"), new CounterActor.Get()));
    }

    [Fact]
    public void Concurrent_recoveries_are_capped_and_all_complete()
    {
        var probe = _kit.CreateProbe();
        var counters = Enumerable.Range(0, 5).Select(i => Counter($"c-cap-{i}", probe.Ref)).ToList();

        Assert.True(_persistence.RecoveryPermits.InUse <= 1);
        for (var i = 0; i < counters.Count; i++)
        {
            Assert.Equal("recovered", probe.ExpectMsg<string>());
            Assert.True(_persistence.RecoveryPermits.InUse <= 1);
        }

        Assert.Equal(0, _persistence.RecoveryPermits.InUse);
    }
}
