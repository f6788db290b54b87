using Akka.Actor;
using Akka.Persistence;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Serialization;
using Cluster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>
/// What Akka.Persistence.Sql must do for us on every engine; one subclass per backend, each on a fresh database whose
/// tables the plugin creates on first start. Faults are real: a renamed table, not a mock.
/// </summary>
public abstract class SqlPersistenceSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TestDatabase _db;

    protected SqlPersistenceSpec(TestDatabase db, ITestOutputHelper output)
        : base(db.Persistence().ToActorSystemSetup(DefaultConfig), output: output)
    {
        _db = db;
    }

    [Fact]
    public async Task The_plugin_creates_its_tables_on_first_start()
    {
        Assert.DoesNotContain(SqlPersistenceConfig.JournalTable, _db.TableNames());

        var recorder = Start("first");
        await AskAsync<Recorded>(recorder, new Record("a"));
        Assert.Equal(1, (await AskAsync<SnapshotTaken>(recorder, new TakeSnapshot())).SequenceNr);

        var tables = _db.TableNames();
        Assert.Contains(SqlPersistenceConfig.JournalTable, tables);
        Assert.Contains(SqlPersistenceConfig.SnapshotTable, tables);
    }

    [Fact]
    public void The_journal_warm_up_starts_the_plugin_then_stops_without_writing()
    {
        var warmUp = Watch(Sys.ActorOf(JournalWarmUp.Props()));

        ExpectTerminated(warmUp, Patience);

        // The plugin creates its tables when it starts: the warm-up started it, and stored nothing.
        Assert.Contains(SqlPersistenceConfig.JournalTable, _db.TableNames());
        Assert.Empty(_db.Rows($"SELECT persistence_id FROM {SqlPersistenceConfig.JournalTable}"));
    }

    [Fact]
    public async Task Events_are_replayed_in_order_after_a_restart()
    {
        var recorder = Start("order");
        Assert.Equal(3, (await AskAsync<Recorded>(recorder, new Record("a", "b", "c"))).LastSequenceNr);
        Assert.Equal(4, (await AskAsync<Recorded>(recorder, new Record("d"))).LastSequenceNr);

        var state = await AskAsync<RecorderState>(Restart(recorder, "order"), new GetState());

        Assert.Equal(["a", "b", "c", "d"], state.Codes);
        Assert.Equal(4, state.LastSequenceNr);
        Assert.Null(state.RecoveredFromSnapshot);
    }

    [Fact]
    public async Task Events_are_stored_with_our_serializer_and_manifest()
    {
        await AskAsync<Recorded>(Start("wire"), new Record("a", "b"));

        var rows = _db.Rows($"SELECT identifier, manifest FROM {SqlPersistenceConfig.JournalTable} WHERE persistence_id = 'wire'");

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(ClusterWireSerializer.SerializerId, Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("inv.alarm-raised.v1", row[1]);
        });
    }

    [Fact]
    public async Task Recovery_starts_from_the_latest_snapshot()
    {
        var recorder = Start("snap");
        await AskAsync<Recorded>(recorder, new Record("a", "b"));
        Assert.Equal(2, (await AskAsync<SnapshotTaken>(recorder, new TakeSnapshot())).SequenceNr);
        await AskAsync<Recorded>(recorder, new Record("c"));
        Assert.Equal(3, (await AskAsync<SnapshotTaken>(recorder, new TakeSnapshot())).SequenceNr);
        await AskAsync<Recorded>(recorder, new Record("d"));

        var state = await AskAsync<RecorderState>(Restart(recorder, "snap"), new GetState());
        var latest = await AskAsync<LoadSnapshotResult>(Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null), new LoadSnapshot("snap", SnapshotSelectionCriteria.Latest, long.MaxValue));

        Assert.Equal(["a", "b", "c", "d"], state.Codes);
        Assert.Equal(3, state.RecoveredFromSnapshot);
        Assert.Equal(4, state.LastSequenceNr);
        Assert.Equal(3, latest.Snapshot.Metadata.SequenceNr);
    }

    [Fact]
    public async Task Deleted_snapshots_are_not_offered_and_recovery_replays_every_event()
    {
        var recorder = Start("snap-delete");
        await AskAsync<Recorded>(recorder, new Record("a", "b"));
        await AskAsync<SnapshotTaken>(recorder, new TakeSnapshot());
        await AskAsync<Recorded>(recorder, new Record("c"));
        await AskAsync<SnapshotTaken>(recorder, new TakeSnapshot());

        Assert.Equal(3, (await AskAsync<SnapshotsDeleted>(recorder, new DeleteSnapshotsUpTo(3))).MaxSequenceNr);
        var state = await AskAsync<RecorderState>(Restart(recorder, "snap-delete"), new GetState());

        Assert.Equal(["a", "b", "c"], state.Codes);
        Assert.Null(state.RecoveredFromSnapshot);
        Assert.Empty(_db.Rows($"SELECT sequence_number FROM {SqlPersistenceConfig.SnapshotTable} WHERE persistence_id = 'snap-delete'"));
    }

    [Fact]
    public async Task Deleted_events_are_not_replayed_and_the_sequence_carries_on()
    {
        var recorder = Start("delete");
        await AskAsync<Recorded>(recorder, new Record("a", "b", "c"));
        Assert.Equal(2, (await AskAsync<EventsDeleted>(recorder, new DeleteEventsUpTo(2))).SequenceNr);

        recorder = Restart(recorder, "delete");
        var state = await AskAsync<RecorderState>(recorder, new GetState());

        Assert.Equal(["c"], state.Codes);
        Assert.Equal(3, state.LastSequenceNr);
        Assert.Equal(4, (await AskAsync<Recorded>(recorder, new Record("d"))).LastSequenceNr);
    }

    [Fact]
    public async Task Concurrent_writers_of_different_ids_each_keep_their_own_order()
    {
        // 20 actors x 100 events, written as 50 two-event batches each, all in flight together.
        const int writers = 20;
        const int batches = 50;
        var recorders = Enumerable.Range(0, writers).Select(i => Start($"writer-{i}")).ToArray();

        var acks = await Task.WhenAll(recorders.SelectMany((r, i) =>
            Enumerable.Range(0, batches).Select(b => r.Ask<Recorded>(new Record($"{i}.{b}.x", $"{i}.{b}.y"), Patience))));

        Assert.Equal(writers * batches, acks.Length);
        for (var i = 0; i < writers; i++)
        {
            var state = await AskAsync<RecorderState>(Restart(recorders[i], $"writer-{i}"), new GetState());
            var expected = Enumerable.Range(0, batches).SelectMany(b => new[] { $"{i}.{b}.x", $"{i}.{b}.y" });
            Assert.Equal(expected, state.Codes);
            Assert.Equal(batches * 2, state.LastSequenceNr);
        }
    }

    [Fact]
    public async Task A_failed_write_stops_the_writer_without_acknowledging_anything()
    {
        var recorder = Start("fail");
        await AskAsync<Recorded>(recorder, new Record("a"));
        Watch(recorder);
        _db.Execute($"ALTER TABLE {SqlPersistenceConfig.JournalTable} RENAME TO akka_journal_gone");

        recorder.Tell(new Record("b", "c"));

        // An acknowledgement would arrive before the actor stops; the first message must be its termination.
        Assert.Equal(recorder, ExpectMsg<Terminated>(Patience).ActorRef);
        _db.Execute($"ALTER TABLE akka_journal_gone RENAME TO {SqlPersistenceConfig.JournalTable}");
        var state = await AskAsync<RecorderState>(Start("fail"), new GetState());
        Assert.Single(_db.Rows($"SELECT sequence_number FROM {SqlPersistenceConfig.JournalTable} WHERE persistence_id = 'fail'"));
        Assert.Equal(["a"], state.Codes);
        Assert.Equal(1, state.LastSequenceNr);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _db.Dispose();
    }

    private IActorRef Start(string persistenceId) => Sys.ActorOf(Recorder.Props(persistenceId));

    /// <summary>Stops the entity and waits for it, then starts a new incarnation that recovers from the database.</summary>
    private IActorRef Restart(IActorRef recorder, string persistenceId)
    {
        Watch(recorder);
        recorder.Tell(PoisonPill.Instance);
        ExpectTerminated(recorder, Patience);
        Unwatch(recorder);
        return Start(persistenceId);
    }

    private static Task<T> AskAsync<T>(IActorRef target, object message) => target.Ask<T>(message, Patience);
}
