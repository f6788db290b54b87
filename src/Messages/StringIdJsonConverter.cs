using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>
/// Writes an identifier as a bare JSON string (and as a property name when it keys a dictionary),
/// so "h-1" rather than {"value":"h-1"} crosses the wire.
/// </summary>
public sealed class StringIdJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, IStringId<TId>
{
    // An empty id is bad input, not a bug: JsonException (which the serializer tags with the JSON path)
    // rather than the constructor's ArgumentException, so readers report it as malformed JSON.
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new JsonException($"{typeof(TId).Name} must be a non-empty string");
        }

        return TId.From(text);
    }

    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override TId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
