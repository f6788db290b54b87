using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// Reads a JSON request body strictly: unknown fields and fields given twice are refused (a typo is never silently ignored), and
/// malformed JSON becomes one <see cref="FieldError"/> naming the JSON path and a plain reason (see
/// <see cref="JsonBodyProblem"/>), never the serializer's message with .NET type names. The body's size is
/// bounded before this reads it (<see cref="AdminRequestGuard"/>), so it is read whole.
/// </summary>
internal static class StrictJsonBody
{
    /// <summary>The wire context's metadata, with unmapped members and a field given twice refused (which one would count is not the sender's guess).</summary>
    internal static JsonSerializerOptions Options { get; } = new(ClusterMessagesJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static async Task<(T? Value, FieldError? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return (null, new FieldError("body", "is empty; send a JSON object"));
        }

        var typeInfo = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            var value = JsonSerializer.Deserialize(body.Span, typeInfo);
            return value is null ? (null, new FieldError("body", "must be a JSON object, got null")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, JsonBodyProblem.Describe(ex, body, typeInfo));
        }
        catch (ArgumentException ex)
        {
            // A record's constructor refused a value the JSON could hold (a null list); it names the parameter only.
            return (null, new FieldError(ex.ParamName ?? "body", "must not be null or empty"));
        }
    }
}
