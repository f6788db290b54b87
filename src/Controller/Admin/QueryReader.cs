using System.Globalization;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// Reads query parameters by hand rather than through binding, so a bad value becomes a 400 naming the
/// parameter and the reason instead of the framework's bare 400; problems collect in <see cref="Errors"/>.
/// </summary>
internal sealed class QueryReader(IQueryCollection query)
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public long Long(string name, long fallback, long min, long max = long.MaxValue)
    {
        if (Single(name) is not { } text)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _errors.Add(new FieldError(name, $"must be an integer, got '{text}'"));
            return fallback;
        }

        if (value < min || value > max)
        {
            _errors.Add(new FieldError(name, max == long.MaxValue ? $"must be at least {min}" : $"must be between {min} and {max}"));
            return fallback;
        }

        return value;
    }

    public bool Bool(string name, bool fallback)
    {
        if (Single(name) is not { } text)
        {
            return fallback;
        }

        if (!bool.TryParse(text, out var value))
        {
            _errors.Add(new FieldError(name, $"must be true or false, got '{text}'"));
            return fallback;
        }

        return value;
    }

    private string? Single(string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            _errors.Add(new FieldError(name, "must be given at most once"));
            return null;
        }

        return values[0];
    }
}
