using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Cluster.Actors.Remote.Serialization;

/// <summary>
/// Maps message types to versioned manifest names ("heartbeat.v1") and back. The manifest, not the CLR
/// type name, is what crosses the wire, so types can be renamed or moved without breaking peers, and a
/// new version of a message gets a new manifest that old nodes refuse cleanly.
/// Serialization uses only source-generated <see cref="JsonTypeInfo"/>: no reflection at runtime.
/// </summary>
public sealed class MessageRegistry
{
    private readonly ConcurrentDictionary<Type, Registration> byType = new();
    private readonly ConcurrentDictionary<string, Registration> byManifest = new(StringComparer.Ordinal);

    // One writer per thread, re-pointed at each destination: Utf8JsonWriter is costly to create per message.
    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    private static readonly ArrayBufferWriter<byte> NoDestination = new(1);

    public void Register<T>(string manifest, JsonTypeInfo<T> typeInfo) => Add(typeof(T), manifest, typeInfo);

    /// <summary>Registers the type <paramref name="typeInfo"/> describes, for tables of (manifest, type).</summary>
    public void Register(string manifest, JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Add(typeInfo.Type, manifest, typeInfo);
    }

    /// <summary>
    /// Registers every type the context declares with <see cref="JsonSerializableAttribute"/> (the roots,
    /// not the property types the generator pulls in), naming each with <paramref name="manifestOf"/>.
    /// </summary>
    public void RegisterContext(JsonSerializerContext context, Func<Type, string> manifestOf)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(manifestOf);
        foreach (var type in DeclaredRoots(context.GetType()))
        {
            var typeInfo = context.GetTypeInfo(type)
                ?? throw new ArgumentException($"context {context.GetType().Name} has no type info for {type.FullName}", nameof(context));
            Add(type, manifestOf(type), typeInfo);
        }
    }

    public bool IsRegistered(Type type) => byType.ContainsKey(type);

    /// <summary>Throws <see cref="UnregisteredMessageTypeException"/> unless the type can be sent.</summary>
    public void EnsureRegistered(Type type)
    {
        if (!byType.ContainsKey(type))
        {
            throw new UnregisteredMessageTypeException(type);
        }
    }

    public string ManifestOf(Type type) =>
        byType.TryGetValue(type, out var registration) ? registration.Manifest : throw new UnregisteredMessageTypeException(type);

    /// <summary>Writes the message's JSON into <paramref name="destination"/> and returns its manifest.</summary>
    public string Serialize(object message, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        if (!byType.TryGetValue(message.GetType(), out var registration))
        {
            throw new UnregisteredMessageTypeException(message.GetType());
        }

        var writer = cachedWriter ??= new Utf8JsonWriter(NoDestination);
        writer.Reset(destination);
        try
        {
            JsonSerializer.Serialize(writer, message, registration.TypeInfo);
        }
        finally
        {
            // Do not keep the caller's buffer alive through a thread-static.
            writer.Reset(NoDestination);
        }

        return registration.Manifest;
    }

    /// <summary>
    /// Reads a message. Throws <see cref="UnknownManifestException"/> for a manifest nobody registered and
    /// <see cref="JsonException"/> for a payload that is not valid for the type.
    /// </summary>
    public object Deserialize(string manifest, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!byManifest.TryGetValue(manifest, out var registration))
        {
            throw new UnknownManifestException(manifest);
        }

        return JsonSerializer.Deserialize(payload, registration.TypeInfo)
            ?? throw new JsonException($"payload of manifest '{manifest}' is null");
    }

    private void Add(Type type, string manifest, JsonTypeInfo typeInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (typeInfo.Type != type)
        {
            throw new ArgumentException($"type info is for {typeInfo.Type.FullName}, not {type.FullName}", nameof(typeInfo));
        }

        var registration = new Registration(type, manifest, typeInfo);
        lock (byManifest)
        {
            // Two types under one manifest, or one type under two, would make the wire ambiguous.
            if (byManifest.TryGetValue(manifest, out var existing) && existing.Type != type)
            {
                throw new ArgumentException($"manifest '{manifest}' is already registered for {existing.Type.FullName}", nameof(manifest));
            }

            if (byType.TryGetValue(type, out var previous) && previous.Manifest != manifest)
            {
                throw new ArgumentException($"{type.FullName} is already registered as '{previous.Manifest}'", nameof(manifest));
            }

            byManifest[manifest] = registration;
            byType[type] = registration;
        }
    }

    private static IEnumerable<Type> DeclaredRoots(Type contextType) =>
        contextType.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => a.ConstructorArguments[0].Value)
            .OfType<Type>();

    private sealed record Registration(Type Type, string Manifest, JsonTypeInfo TypeInfo);
}
