using System.Globalization;

namespace Cluster.Shell.Parsing;

/// <summary>
/// A command's arguments after parsing, with typed readers that throw <see cref="UsageException"/>
/// naming the option and the bad value, so every handler reports bad input the same way.
/// </summary>
public sealed class ParsedArgs(string commandName, string usageLine, IReadOnlyDictionary<string, string> arguments, IReadOnlyDictionary<string, List<string>> options)
{
    public string Argument(string name) => arguments[name];

    public bool Flag(string name) => options.ContainsKey(name);

    public string? Value(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Values(string name) => options.TryGetValue(name, out var values) ? values : [];

    public long Long(string name, long fallback, long min, long max = long.MaxValue)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw Bad(name, $"must be an integer of at least {min}, got '{text}'");
        }

        return value <= max ? value : throw Bad(name, $"must be at most {max}, got '{text}'");
    }

    public int Int(string name, int fallback, int min, int max = int.MaxValue) => (int)Long(name, fallback, min, max);

    public bool Bool(string name, bool fallback)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw Bad(name, $"must be true or false, got '{text}'");
    }

    public T Enum<T>(string name, T fallback)
        where T : struct, Enum
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        // Names only: Enum.TryParse would also accept "7" or "1,2".
        var match = System.Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return match is null
            ? throw Bad(name, $"must be one of {string.Join('|', System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, got '{text}'")
            : System.Enum.Parse<T>(match);
    }

    public UsageException Bad(string name, string reason) => new($"{commandName}: {name} {reason}", usageLine);
}
