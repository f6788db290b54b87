using System.Text.Json;
using Cluster.Messages;

namespace Cluster.Shell.Http;

/// <summary>
/// Reads an error answer in either shape the controller has used: the ErrorResponse <c>{message, errors}</c>
/// or RFC 9457 problem details <c>{type, title, status, detail, errors}</c>; errors are <c>{field, reason}</c>
/// either way. Null when the body is neither (empty, text, other JSON).
/// </summary>
public static class ErrorBody
{
    public static ErrorResponse? TryRead(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var message = Text(root, "message") ?? Text(root, "detail") ?? Text(root, "title");
            return message is null ? null : new ErrorResponse(message, Fields(root));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static List<FieldError> Fields(JsonElement root)
    {
        var fields = new List<FieldError>();
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                fields.Add(new FieldError(Text(error, "field") ?? string.Empty, Text(error, "reason") ?? Text(error, "message") ?? string.Empty));
            }
        }

        return fields;
    }
}
