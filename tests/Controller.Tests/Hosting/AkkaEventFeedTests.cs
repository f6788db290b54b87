using Akka.Actor;
using Akka.Persistence;
using Cluster.Controller.Hosting;
using Cluster.Messages;
using Cluster.Runtime.Persistence;
using Microsoft.Data.Sqlite;

namespace Cluster.Controller.Tests.Hosting;

/// <summary>/api/events over Akka.Persistence.Sql: what a real persistent actor stored, read back in global order.</summary>
public sealed class AkkaEventFeedTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly string DatabasePath = Path.Combine(Path.GetTempPath(), $"feed-{Guid.NewGuid():N}.db");

    public AkkaEventFeedTests()
        : base(SqlPersistenceConfig.Sqlite(DatabasePath).ToActorSystemSetup(DefaultConfig))
    {
    }

    [Fact]
    public async Task Events_of_every_persistence_id_come_in_global_order_with_their_manifest_and_json()
    {
        await StoreAsync("vrm", Changed("h-1"), Changed("h-2"));
        await StoreAsync("other", Changed("h-3"));
        var feed = new AkkaEventFeed(Sys);

        var all = await feed.ReadAfterAsync(0, 100, CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], all.Select(e => e.Ordering));
        Assert.Equal(["vrm", "vrm", "other"], all.Select(e => e.PersistenceId));
        Assert.Equal([1L, 2L, 1L], all.Select(e => e.SequenceNr));
        Assert.All(all, e => Assert.Equal("inv.host-state-changed.v1", e.Manifest));
        Assert.Equal("h-3", all[2].Event!.Value.GetProperty("hostId").GetString());
    }

    [Fact]
    public async Task Pages_start_after_an_ordering_and_the_latest_page_is_the_newest_events_in_order()
    {
        await StoreAsync("vrm", [.. Enumerable.Range(1, 7).Select(i => Changed($"h-{i}"))]);
        var feed = new AkkaEventFeed(Sys);

        var page = await feed.ReadAfterAsync(2, 3, CancellationToken.None);
        var latest = await feed.ReadLatestAsync(2, CancellationToken.None);

        Assert.Equal([3L, 4L, 5L], page.Select(e => e.Ordering));
        Assert.Equal([6L, 7L], latest.Select(e => e.Ordering));
        Assert.Empty(await feed.ReadAfterAsync(7, 10, CancellationToken.None));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static HostStateChanged Changed(string host) => new(new HostId(host), HostState.Connecting, HostState.Normal, "registered");

    private async Task StoreAsync(string persistenceId, params HostStateChanged[] events)
    {
        var writer = Sys.ActorOf(Props.Create(() => new Writer(persistenceId)));
        await writer.Ask<Done>(events, TimeSpan.FromSeconds(20));
        Sys.Stop(writer);
    }

    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<HostStateChanged>(_ => { });
            Command<HostStateChanged[]>(events =>
            {
                var replyTo = Sender;
                PersistAll(events, e =>
                {
                    if (ReferenceEquals(e, events[^1]))
                    {
                        replyTo.Tell(Done.Instance);
                    }
                });
            });
        }

        public override string PersistenceId { get; }
    }

    private sealed record Done
    {
        public static readonly Done Instance = new();
    }
}
