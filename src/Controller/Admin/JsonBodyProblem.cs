using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// Turns a <see cref="JsonException"/> from reading a request body into the field at fault and a reason
/// in the user's terms: it re-reads the body at the exception's JSON path and compares what was sent
/// with what the field takes (an integer in a range, one of some names, a string, an object, an array),
/// so no serializer wording or .NET type name reaches the caller.
/// </summary>
internal static partial class JsonBodyProblem
{
    private const int MaxShown = 40;

    public static FieldError Describe(JsonException ex, ReadOnlyMemory<byte> body, JsonTypeInfo root)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(root);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException syntax)
        {
            return new FieldError("body", $"is not valid JSON: {Plain(syntax)}");
        }

        using (document)
        {
            if (FirstRepeated(document.RootElement, "body") is { } repeated)
            {
                return new FieldError(repeated, "is given more than once");
            }

            var segments = Segments(ex.Path);
            var walked = Walk(document.RootElement, root, segments, out var element, out var typeInfo);
            var field = FieldName(segments.Take(walked));
            if (typeInfo.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object
                && element.EnumerateObject().FirstOrDefault(p => !typeInfo.Properties.Any(known => known.Name == p.Name)) is { Value.ValueKind: not JsonValueKind.Undefined } unknown)
            {
                var known = string.Join(", ", typeInfo.Properties.Select(p => p.Name));
                return new FieldError(Join(field, unknown.Name), $"is not a known field (known: {known})");
            }

            if (walked < segments.Count)
            {
                return new FieldError(FieldName(segments), "is not valid here");
            }

            return new FieldError(field, $"{Expectation(typeInfo, Pattern(segments), element)}, got {Shown(element)}");
        }
    }

    /// <summary>The first field, depth first, that an object names twice, as the API names fields; null when none is.</summary>
    private static string? FirstRepeated(JsonElement element, string field)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return Join(field, property.Name);
                }

                if (FirstRepeated(property.Value, Join(field, property.Name)) is { } inner)
                {
                    return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (FirstRepeated(item, $"{field}[{index++}]") is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    /// <summary>"$.disks[0].sizeGb" → [disks, 0, sizeGb]; an index is an int, a name a string.</summary>
    internal static List<object> Segments(string? path)
    {
        var segments = new List<object>();
        foreach (Match match in PathSegment().Matches(path ?? string.Empty))
        {
            segments.Add(match.Groups["index"].Success
                ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture)
                : match.Groups["name"].Success ? match.Groups["name"].Value : match.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal));
        }

        return segments;
    }

    /// <summary>The segments as the API names fields: "disks[0].sizeGb"; none is "body".</summary>
    internal static string FieldName(IEnumerable<object> segments)
    {
        var field = string.Empty;
        foreach (var segment in segments)
        {
            field = segment is int index ? $"{field}[{index}]" : Join(field, (string)segment);
        }

        return field.Length == 0 ? "body" : field;
    }

    private static string Join(string field, string name) => field is "" or "body" ? name : $"{field}.{name}";

    /// <summary>The field with indices left out, as <see cref="VmLimits.NumberFields"/> keys it: "disks[].sizeGb".</summary>
    private static string Pattern(IEnumerable<object> segments) =>
        FieldName(segments.Select(s => s is int ? (object)"[]" : s)).Replace(".[]", "[]", StringComparison.Ordinal);

    /// <summary>Follows the path through the document and the type metadata together; returns how many segments it could follow.</summary>
    private static int Walk(JsonElement element, JsonTypeInfo typeInfo, List<object> segments, out JsonElement found, out JsonTypeInfo foundType)
    {
        for (var walked = 0; walked < segments.Count; walked++)
        {
            var segment = segments[walked];
            JsonTypeInfo? next = null;
            if (segment is int index && typeInfo.ElementType is { } itemType && element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength())
            {
                element = element[index];
                next = StrictJsonBody.Options.GetTypeInfo(itemType);
            }
            else if (segment is string name && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child)
                && typeInfo.Properties.FirstOrDefault(p => p.Name == name) is { } property)
            {
                element = child;
                next = StrictJsonBody.Options.GetTypeInfo(property.PropertyType);
            }

            if (next is null)
            {
                (found, foundType) = (element, typeInfo);
                return walked;
            }

            typeInfo = next;
        }

        (found, foundType) = (element, typeInfo);
        return segments.Count;
    }

    private static string Expectation(JsonTypeInfo typeInfo, string pattern, JsonElement sent)
    {
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        if (type == typeof(int) || type == typeof(long))
        {
            var (min, max) = VmLimits.NumberFields.TryGetValue(pattern, out var range)
                ? range
                : type == typeof(int) ? (int.MinValue, int.MaxValue) : (long.MinValue, long.MaxValue);
            return sent.ValueKind == JsonValueKind.Number && IsWhole(sent.GetRawText())
                ? sent.GetRawText().StartsWith('-') ? $"must be at least {min}" : $"must be at most {max}"
                : $"must be a whole number from {min} to {max}";
        }

        if (type.IsEnum)
        {
            return $"must be one of {string.Join(", ", Enum.GetNames(type))}";
        }

        return type switch
        {
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(string) => "must be a string",
            _ when type.IsValueType => "must be a non-empty string",
            _ when typeInfo.Kind == JsonTypeInfoKind.Enumerable => "must be an array",
            _ => "must be an object",
        };
    }

    private static bool IsWhole(string number) => number.TrimStart('-').All(char.IsAsciiDigit);

    private static string Shown(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() is { Length: 0 } ? "an empty string" : $"the string '{Cut(element.GetString()!)}'",
        JsonValueKind.Number => $"{Cut(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Cut(string text) => text.Length <= MaxShown ? text : text[..MaxShown] + "…";

    /// <summary>The reader's own sentence (it names no types) without its position suffix, then the position 1-based.</summary>
    private static string Plain(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
        return ex.LineNumber is { } line ? $"{message} (line {line + 1}, byte {ex.BytePositionInLine + 1})" : message;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>(?:[^']|'')*)'\]")]
    private static partial Regex PathSegment();
}
