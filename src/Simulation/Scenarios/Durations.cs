using System.Globalization;

namespace Cluster.Simulation.Scenarios;

/// <summary>Durations as scenarios write them: a whole or decimal number and a unit, e.g. 500ms, 30s, 2m, 1h.</summary>
public static class Durations
{
    // "ms" before "s": the first suffix that matches is the unit.
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        foreach (var (suffix, seconds) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
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
