using Akka.Actor;
using Akka.Persistence;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Runtime.Cluster;
using Xunit.Abstractions;

namespace Cluster.Controller.Tests.Vrm.Akka;

/// <summary>The VRM's journal: nothing is acknowledged before it is stored, recovery rebuilds the inventory, hand-over loses nothing.</summary>
public sealed class VrmActorJournalSpec(ITestOutputHelper output) : VrmActorTestKit(output)
{
    [Fact]
    public async Task When_the_journal_write_fails_nothing_is_acknowledged_and_the_next_VRM_has_only_what_was_stored()
    {
        var vrm = StartVrm();
        var host = CreateTestProbe();
        vrm.Tell(Registration("h-1"), host);
        host.ExpectMsg<HostRegistrationAccepted>();
        Watch(vrm);
        await Journal.OnWrite.Fail();

        vrm.Tell(Registration("h-2"), host);
        vrm.Tell(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 100), TestActor);

        ExpectTerminated(vrm);
        host.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        await Journal.OnWrite.Pass();
        var next = StartVrm();
        Assert.Equal([HostId.From("h-1")], Ask<HostList>(next, new ListHosts()).Hosts.Select(h => h.HostId));
    }

    [Fact]
    public async Task Recovery_from_the_snapshot_and_the_later_events_gives_the_same_inventory()
    {
        var settings = new VrmSettings { SnapshotEvery = 4 };
        var vrm = StartVrm(settings);
        var host = CreateTestProbe();
        foreach (var name in new[] { "h-1", "h-2", "h-3", "h-4" })
        {
            vrm.Tell(Registration(name), host);
            host.ExpectMsg<HostRegistrationAccepted>();
        }

        Ask<DatastoreId>(vrm, new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
        var before = Ask<string>(vrm, new GetInventoryFingerprint());
        await HandOver(vrm);

        var snapshot = await SnapshotStore.Ask<LoadSnapshotResult>(new LoadSnapshot(VrmActor.PersistenceIdValue, SnapshotSelectionCriteria.Latest, long.MaxValue), RemainingOrDefault);
        var journal = global::Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);
        journal.Tell(new ReplayMessages(0, 0, 0, VrmActor.PersistenceIdValue, TestActor));
        var stored = ExpectMsg<RecoverySuccess>().HighestSequenceNr;
        var after = Ask<string>(StartVrm(settings), new GetInventoryFingerprint());

        // Recovery starts from the snapshot and replays the events stored after it.
        Assert.InRange(snapshot.Snapshot.Metadata.SequenceNr, 1, stored - 1);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_hand_over_stores_and_answers_what_was_decided_then_stops_without_deciding_more()
    {
        var vrm = StartVrm();
        var (reachedJournal, release) = await HoldWrites();
        Watch(vrm);

        vrm.Tell(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 100), TestActor);
        await reachedJournal.Task.WaitAsync(RemainingOrDefault);
        vrm.Tell(VrmSingleton.HandOver.Instance);
        vrm.Tell(new GetLeader(), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        release.SetResult();

        Assert.Equal(DatastoreId.From("ds-1"), ExpectMsg<DatastoreId>());
        ExpectTerminated(vrm);
        await Journal.OnWrite.Pass();
        Assert.Equal(DatastoreId.From("ds-1"), Ask<DatastoreId>(StartVrm(), new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 100)));
    }

    private async Task HandOver(IActorRef vrm)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(vrm);
        vrm.Tell(VrmSingleton.HandOver.Instance);
        await watcher.ExpectTerminatedAsync(vrm);
    }
}
