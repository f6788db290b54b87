using System.Collections.Immutable;

namespace Cluster.Simulation.Trace;

/// <summary>
/// Reads the PlanetLab day format: per line a VM name (which may contain spaces), a TAB, then
/// <see cref="PlanetLabTrace.SamplesPerVm"/> integers 0..100 separated by single spaces.
/// Bad input raises <see cref="TraceFormatException"/> naming file:line and the reason.
/// </summary>
public static class PlanetLabTraceReader
{
    private const int MaxPercent = 100;

    public static PlanetLabTrace Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    public static PlanetLabTrace Parse(TextReader reader, string source)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        var samples = new List<byte>(1100 * PlanetLabTrace.SamplesPerVm);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            names.Add(ParseLine(line, source, lineNumber, samples));
        }

        if (names.Count == 0)
        {
            throw new TraceFormatException(source, lineNumber, "no VM lines");
        }

        return new PlanetLabTrace(source, names.ToImmutable(), [.. samples]);
    }

    private static string ParseLine(string line, string source, int lineNumber, List<byte> samples)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab <= 0)
        {
            throw new TraceFormatException(source, lineNumber, "expected a VM name, a TAB and 288 integers");
        }

        var values = line.AsSpan(tab + 1).TrimEnd('\r');
        var count = 0;
        foreach (var range in values.Split(' '))
        {
            var field = values[range];
            count++;
            if (count > PlanetLabTrace.SamplesPerVm)
            {
                break;
            }

            if (!int.TryParse(field, System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out var percent))
            {
                throw new TraceFormatException(source, lineNumber, $"value {count} '{field}' is not an integer");
            }

            if (percent is < 0 or > MaxPercent)
            {
                throw new TraceFormatException(source, lineNumber, $"value {count} is {percent}, outside 0..{MaxPercent}");
            }

            samples.Add((byte)percent);
        }

        if (count != PlanetLabTrace.SamplesPerVm)
        {
            var found = count > PlanetLabTrace.SamplesPerVm ? "more than 288" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new TraceFormatException(source, lineNumber, $"expected {PlanetLabTrace.SamplesPerVm} values, found {found}");
        }

        return line[..tab];
    }
}
