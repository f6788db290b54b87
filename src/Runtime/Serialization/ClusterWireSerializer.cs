using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using Cluster.Messages;

namespace Cluster.Runtime.Serialization;

/// <summary>
/// The one serializer for every <see cref="IWireMessage"/>: remote messages, persisted events and snapshots.
/// The manifest is the versioned name from <see cref="WireManifest"/> (what the journal stores, so never the CLR type
/// name) and the payload is UTF-8 JSON from the source-generated <see cref="ClusterMessagesJsonContext"/>, so nothing
/// reflects at run time and nothing falls back to Newtonsoft or Hyperion.
/// </summary>
public sealed class ClusterWireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>
    /// Persisted with every journal row next to the manifest, so it can never change. Akka reserves 0-100 for its
    /// own serializers; 7701 is ours alone.
    /// </summary>
    public const int SerializerId = 7701;

    public override int Identifier => SerializerId;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return WireManifest.TryGetManifest(o.GetType(), out var manifest)
            ? manifest!
            : throw new ArgumentException(
                $"{o.GetType().FullName} has no entry in {nameof(WireManifest)}; {nameof(ClusterWireSerializer)} cannot write it.", nameof(o));
    }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, TypeInfoFor(obj.GetType(), Manifest(obj)));
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!WireManifest.TryGetType(manifest, out var type))
        {
            // Names the manifest: a journal row written by a newer controller, or a peer on another version.
            throw new SerializationException(
                $"Unknown manifest '{manifest}' for {nameof(ClusterWireSerializer)} (id {SerializerId}): no type in {nameof(WireManifest)} has it.");
        }

        return JsonSerializer.Deserialize(bytes, TypeInfoFor(type!, manifest))
            ?? throw new SerializationException($"Manifest '{manifest}' decoded to null.");
    }

    private static JsonTypeInfo TypeInfoFor(Type type, string manifest) =>
        ClusterMessagesJsonContext.Default.GetTypeInfo(type)
        ?? throw new SerializationException(
            $"{type.FullName} has manifest '{manifest}' but no metadata in {nameof(ClusterMessagesJsonContext)}.");
}
