using System.Text.Json;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cluster.Controller.Admin;
using Cluster.Messages;
using Cluster.Runtime.Persistence;

namespace Cluster.Controller.Hosting;

/// <summary>
/// /api/events over Akka.Persistence.Sql's read journal: every persistence id in global order (the ordering column),
/// read from the database, so a standby controller serves it too. Events come back deserialized by our serializer;
/// the manifest shown is the one it writes.
/// </summary>
public sealed class AkkaEventFeed : IEventFeed
{
    private readonly ActorSystem _system;
    private readonly Lazy<SqlReadJournal> _journal;
    private readonly Akka.Serialization.Serialization _serialization;

    public AkkaEventFeed(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        // Made on first use: the plugin blocks on an ask while it starts, which the process must not do before the system is up.
        _journal = new Lazy<SqlReadJournal>(() => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlPersistenceConfig.QueryPluginId));
        _serialization = system.Serialization;
    }

    public async Task<IReadOnlyList<FeedEvent>> ReadAfterAsync(long afterOrdering, int max, CancellationToken cancellationToken)
    {
        var envelopes = await _journal.Value.CurrentAllEvents(Offset.Sequence(afterOrdering))
            .Take(max)
            .RunWith(Sink.Seq<EventEnvelope>(), _system.Materializer())
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. envelopes.Select(Row)];
    }

    public Task<IReadOnlyList<FeedEvent>> ReadLatestAsync(int count, CancellationToken cancellationToken) =>
        LatestEvents.ReadAsync<FeedEvent>(ReadAfterAsync, count, cancellationToken);

    private FeedEvent Row(EventEnvelope envelope)
    {
        var ordering = envelope.Offset is Sequence sequence ? sequence.Value : 0;
        // Akka.Persistence.Sql stores the write time as UTC DateTime ticks.
        var created = envelope.Timestamp is >= 0 and <= 3155378975999999999 ? new DateTimeOffset(envelope.Timestamp, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
        var manifest = Akka.Serialization.Serialization.ManifestFor(_serialization.FindSerializerFor(envelope.Event), envelope.Event);
        var json = ClusterMessagesJsonContext.Default.GetTypeInfo(envelope.Event.GetType()) is { } typeInfo
            ? JsonSerializer.SerializeToElement(envelope.Event, typeInfo)
            : (JsonElement?)null;
        return new FeedEvent(ordering, envelope.PersistenceId, envelope.SequenceNr, created, manifest, json);
    }
}
