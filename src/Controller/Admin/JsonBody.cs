using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// Reads a JSON request body by hand, so malformed JSON becomes a 400 that names the offending field
/// (from the serializer's JSON path) instead of the framework's bare 400 or a 500.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, FieldError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, new FieldError("body", "must be a JSON object, got null")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, new FieldError(FieldName(ex.Path), Reason(ex)));
        }
    }

    /// <summary>"$.disks[0].sizeGb" becomes "disks[0].sizeGb"; the root (or no path) is "body".</summary>
    internal static string FieldName(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Reason(JsonException ex)
    {
        // The serializer appends " Path: ... | LineNumber: ..." to its own messages; the field is reported apart.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return ex.LineNumber is { } line
            ? $"{message} (line {line + 1}, byte {ex.BytePositionInLine + 1})"
            : message;
    }
}
