using System.Globalization;

namespace Cluster.Simulation.Scenarios;

/// <summary>Durations as scenarios write them: a whole or decimal number and a unit, e.g. 500ms, 30s, 2m, 1h.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var units = new (string Suffix, double Seconds)[] { ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600) };
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                duration = TimeSpan.FromMilliseconds(Math.Round(value * seconds * 1000));
                return true;
            }
        }

        return false;
    }

    /// <summary>The log's timestamp form: hh:mm:ss.fff.</summary>
    public static string Clock(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}");
}
