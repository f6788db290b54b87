using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Messages;

namespace Cluster.Simulation.World;

/// <summary>
/// Stores what production stores: the <see cref="WireManifest"/> name and the source-generated JSON of
/// <see cref="ClusterMessagesJsonContext"/>, the format Cluster.Runtime's wire serializer writes to the journal. An event
/// without a manifest or JSON metadata throws when persisted, and recovery really decodes, so a lossy type shows.
/// A runtime's own persisted types (the VRM's snapshot) are added with their manifests and a resolver that knows them.
/// </summary>
public sealed class WireJournalCodec : IJournalCodec
{
    public static readonly WireJournalCodec Instance = new(ClusterMessagesJsonContext.Default.Options, new Dictionary<Type, string>());

    private readonly JsonSerializerOptions _options;
    private readonly Dictionary<Type, string> _extraManifests;
    private readonly Dictionary<string, Type> _extraTypes = new(StringComparer.Ordinal);

    /// <param name="options">Resolves JSON metadata for every wire type and every type of <paramref name="extraManifests"/>.</param>
    /// <param name="extraManifests">Persisted types outside <see cref="WireManifest"/>, with their manifest names.</param>
    public WireJournalCodec(JsonSerializerOptions options, IReadOnlyDictionary<Type, string> extraManifests)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(extraManifests);
        _options = options;
        _extraManifests = new Dictionary<Type, string>(extraManifests);
        foreach (var (type, manifest) in extraManifests)
        {
            _extraTypes.Add(manifest, type);
        }
    }

    public object Encode(object value)
    {
        var type = value.GetType();
        if (!WireManifest.TryGetManifest(type, out var manifest) && !_extraManifests.TryGetValue(type, out manifest))
        {
            throw new SerializationException($"{type.FullName} has no entry in {nameof(WireManifest)}: the journal could not store it.");
        }

        return new WireRecord(manifest!, JsonSerializer.SerializeToUtf8Bytes(value, TypeInfoFor(type)));
    }

    public object Decode(object stored)
    {
        var record = (WireRecord)stored;
        if (!WireManifest.TryGetType(record.Manifest, out var type) && !_extraTypes.TryGetValue(record.Manifest, out type))
        {
            throw new SerializationException($"unknown manifest '{record.Manifest}' in the simulated journal");
        }

        return JsonSerializer.Deserialize(record.Payload, TypeInfoFor(type!))
            ?? throw new SerializationException($"manifest '{record.Manifest}' decoded to null");
    }

    // The options' own lookup caches each type's metadata; asking the resolver directly would build it anew every time.
    private JsonTypeInfo TypeInfoFor(Type type) =>
        _options.TryGetTypeInfo(type, out var info)
            ? info
            : throw new SerializationException($"{type.FullName} has no JSON metadata in the codec's resolver");

    private sealed record WireRecord(string Manifest, byte[] Payload);
}
