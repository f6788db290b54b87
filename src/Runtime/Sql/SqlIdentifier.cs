using System.Text.RegularExpressions;

namespace Cluster.Runtime.Sql;

/// <summary>Schema and table names are spliced into SQL text, so only plain lower-case identifiers are accepted.</summary>
public static partial class SqlIdentifier
{
    public static bool IsPlain(string? value) => value is not null && Plain().IsMatch(value);

    public static string Check(string value, string what)
    {
        if (!IsPlain(value))
        {
            throw new ArgumentException($"{what} must match [a-z_][a-z0-9_]* but was '{value}'.", what);
        }

        return value;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Plain();
}
