using System.Text.Json;
using Cluster.Controller.Admin;
using Cluster.Controller.Hosting;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

/// <summary>
/// The journal as /api/events sees it, in memory: rows in the order appended, with orderings 1, 2, ... The latest
/// page is found the way <see cref="AkkaEventFeed"/> finds it, with forward reads only (<see cref="LatestEvents"/>).
/// </summary>
internal sealed class ListEventFeed : IEventFeed
{
    private static readonly DateTimeOffset Written = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<FeedEvent> _rows = [];

    public void Append(string persistenceId, long sequenceNr, IWireMessage @event)
    {
        var type = @event.GetType();
        var manifest = WireManifest.TryGetManifest(type, out var name) ? name! : throw new ArgumentException($"{type.Name} has no wire manifest", nameof(@event));
        var json = JsonSerializer.SerializeToElement(@event, ClusterMessagesJsonContext.Default.GetTypeInfo(type)!);
        AppendRow(persistenceId, sequenceNr, manifest, json);
    }

    /// <summary>A row whose payload the feed could not decode.</summary>
    public void AppendUndecodable(string persistenceId, long sequenceNr, string manifest) => AppendRow(persistenceId, sequenceNr, manifest, null);

    public Task<IReadOnlyList<FeedEvent>> ReadAfterAsync(long afterOrdering, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FeedEvent>>([.. _rows.Where(r => r.Ordering > afterOrdering).Take(max)]);

    public Task<IReadOnlyList<FeedEvent>> ReadLatestAsync(int count, CancellationToken cancellationToken) =>
        LatestEvents.ReadAsync<FeedEvent>(ReadAfterAsync, count, cancellationToken);

    private void AppendRow(string persistenceId, long sequenceNr, string manifest, JsonElement? json) =>
        _rows.Add(new FeedEvent(_rows.Count + 1, persistenceId, sequenceNr, Written, manifest, json));
}
