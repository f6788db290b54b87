using System.Text.Json;

namespace Cluster.Controller.Admin;

/// <summary>One journal row for /api/events; <paramref name="Event"/> is null when the payload cannot be decoded (logged by the feed).</summary>
public sealed record FeedEvent(long Ordering, string PersistenceId, long SequenceNr, DateTimeOffset Created, string Manifest, JsonElement? Event);
