using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Cluster.Controller.Serialization;

/// <summary>
/// The Akka serializer of <see cref="ControllerManifest"/>'s types: source-generated JSON (<see cref="ControllerSerialization.JsonOptions"/>)
/// under versioned manifests, as <c>ClusterWireSerializer</c> does for <c>IWireMessage</c>, so no controller type falls
/// back to Akka's Newtonsoft default between controllers or in the snapshot store.
/// </summary>
public sealed class ControllerWireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Stored with every snapshot row; never changes. Next to ClusterWireSerializer's 7701.</summary>
    public const int SerializerId = 7702;

    private static readonly Dictionary<Type, string> ManifestOf = ControllerManifest.Entries.ToDictionary(e => e.Type, e => e.Manifest);
    private static readonly Dictionary<string, Type> TypeOf = ControllerManifest.Entries.ToDictionary(e => e.Manifest, e => e.Type);

    public override int Identifier => SerializerId;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return ManifestOf.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType().FullName} has no entry in {nameof(ControllerManifest)}.", nameof(o));
    }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _ = Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), ControllerSerialization.JsonOptions);
    }

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypeOf.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, ControllerSerialization.JsonOptions) ?? throw new SerializationException($"Manifest '{manifest}' decoded to null.")
            : throw new SerializationException($"Unknown manifest '{manifest}' for {nameof(ControllerWireSerializer)} (id {SerializerId}).");
}
