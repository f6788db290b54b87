using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Messages;

namespace Cluster.Simulation.World;

/// <summary>
/// Stores what production stores: the <see cref="WireManifest"/> name and the source-generated JSON of
/// <see cref="ClusterMessagesJsonContext"/>, the format Cluster.Runtime's wire serializer writes to the journal. An event
/// without a manifest or JSON metadata throws when persisted, and recovery really decodes, so a lossy type shows.
/// </summary>
public sealed class WireJournalCodec : IJournalCodec
{
    public static readonly WireJournalCodec Instance = new();

    private WireJournalCodec()
    {
    }

    public object Encode(object value)
    {
        var type = value.GetType();
        if (!WireManifest.TryGetManifest(type, out var manifest))
        {
            throw new SerializationException($"{type.FullName} has no entry in {nameof(WireManifest)}: the journal could not store it.");
        }

        return new WireRecord(manifest!, JsonSerializer.SerializeToUtf8Bytes(value, TypeInfoFor(type)));
    }

    public object Decode(object stored)
    {
        var record = (WireRecord)stored;
        if (!WireManifest.TryGetType(record.Manifest, out var type))
        {
            throw new SerializationException($"unknown manifest '{record.Manifest}' in the simulated journal");
        }

        return JsonSerializer.Deserialize(record.Payload, TypeInfoFor(type!))
            ?? throw new SerializationException($"manifest '{record.Manifest}' decoded to null");
    }

    private static JsonTypeInfo TypeInfoFor(Type type) =>
        ClusterMessagesJsonContext.Default.GetTypeInfo(type)
        ?? throw new SerializationException($"{type.FullName} has no metadata in {nameof(ClusterMessagesJsonContext)}");

    private sealed record WireRecord(string Manifest, byte[] Payload);
}
