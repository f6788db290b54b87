using System.Text.Json;

namespace Cluster.Persistence;

/// <summary>
/// System.Text.Json serializer with an explicit manifest registry: only registered types are written or read,
/// so a journal never holds a payload nobody can name.
/// </summary>
public sealed class JsonEventSerializer(JsonSerializerOptions? options = null) : IEventSerializer
{
    private readonly JsonSerializerOptions _options = options ?? JsonSerializerOptions.Default;
    private readonly Dictionary<string, Type> _typeByManifest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _manifestByType = [];

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/>; call once per type at startup.</summary>
    public JsonEventSerializer Register<T>(string manifest) => Register(typeof(T), manifest);

    /// <summary>Registers <paramref name="type"/> under <paramref name="manifest"/>, for tables of (manifest, type).</summary>
    public JsonEventSerializer Register(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        Guard.NotEmpty(manifest);
        if (_typeByManifest.ContainsKey(manifest) || _manifestByType.ContainsKey(type))
        {
            throw new ArgumentException($"{nameof(manifest)} '{manifest}' or type {type} is already registered.", nameof(manifest));
        }

        _typeByManifest[manifest] = type;
        _manifestByType[type] = manifest;
        return this;
    }

    public (string Manifest, byte[] Payload) Serialize(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (!_manifestByType.TryGetValue(type, out var manifest))
        {
            throw new ArgumentException($"{nameof(@event)} type {type} has no registered manifest.", nameof(@event));
        }

        return (manifest, JsonSerializer.SerializeToUtf8Bytes(@event, type, _options));
    }

    public object Deserialize(string manifest, byte[] payload)
    {
        Guard.NotEmpty(manifest);
        ArgumentNullException.ThrowIfNull(payload);
        if (!_typeByManifest.TryGetValue(manifest, out var type))
        {
            throw new ArgumentException($"{nameof(manifest)} '{manifest}' is not registered.", nameof(manifest));
        }

        return JsonSerializer.Deserialize(payload, type, _options)
            ?? throw new ArgumentException($"{nameof(payload)} of manifest '{manifest}' deserialized to null.", nameof(payload));
    }
}
