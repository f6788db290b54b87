namespace Cluster.Messages;

/// <summary>
/// The one naming rule of VM names and host ids: 1 to 64 characters, lower-case letters, digits and '-',
/// at least one of them a letter or a digit (they appear in paths, URLs, lease file names and logs without quoting).
/// </summary>
public static class NameRules
{
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="name"/> is not a valid name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "is required";
        }

        if (name.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters, got {name.Length}";
        }

        if (!name.All(IsAllowed))
        {
            return "may contain only lower-case letters, digits and '-'";
        }

        return name.Any(char.IsAsciiLetterOrDigit) ? null : "must contain a letter or a digit";
    }

    /// <summary>A valid name made from <paramref name="raw"/> (a machine name): lower-cased, other characters as '-', cut to length; null if nothing is left.</summary>
    public static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var chars = raw.ToLowerInvariant().Select(c => IsAllowed(c) ? c : '-').ToArray();
        var name = new string(chars).Trim('-');
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength].TrimEnd('-');
        }

        return name.Length == 0 ? null : name;
    }

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
}
