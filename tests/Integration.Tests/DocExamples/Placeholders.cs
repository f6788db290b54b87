using System.Globalization;
using System.Text.RegularExpressions;

namespace Cluster.Integration.Tests.DocExamples;

/// <summary>
/// What differs between two real runs, replaced in the output before it is compared with (or written to)
/// the docs. Each placeholder has the width of what it replaces, so tables stay aligned: times become
/// <c>HH:MM:SS</c>, dates <c>YYYY-MM-DD</c>, and the run's ports (moved by a multiple of 100 when the
/// documented ones are busy) the documented ports. JSON timestamps become <c>YYYY-MM-DDTHH:MM:SSZ</c>, and address uids <c>#UID</c> (their width varies, so no table may show one).
/// </summary>
public sealed partial class Placeholders(ClusterPorts ports, int hosts)
{
    public string Apply(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = IsoTimestamp().Replace(line, "YYYY-MM-DDTHH:MM:SSZ");
        text = Date().Replace(text, "YYYY-MM-DD");
        text = Time().Replace(text, "HH:MM:SS");

        // An actor system's address uid (after '#' in a lease holder, or in a uid column) is new every run.
        text = Uid().Replace(text, "#UID");
        return ports.Offset == 0 ? text : MapPorts(text, ports.All(hosts), p => p - ports.Offset);
    }

    /// <summary>Documented ports in a command become the run's.</summary>
    public string ToRun(string argument) => ports.Offset == 0 ? argument : MapPorts(argument, ports.All(hosts).Select(p => p - ports.Offset), p => p + ports.Offset);

    private static string MapPorts(string text, IEnumerable<int> from, Func<int, int> map)
    {
        var known = from.ToHashSet();
        return Port().Replace(text, m =>
            int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && known.Contains(port)
                ? map(port).ToString(CultureInfo.InvariantCulture)
                : m.Value);
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d|\\u002B\d\d:\d\d)")]
    private static partial Regex IsoTimestamp();

    [GeneratedRegex(@"(?<!\d)\d{4}-\d\d-\d\d(?!\d)")]
    private static partial Regex Date();

    [GeneratedRegex(@"(?<![\d:])\d\d:\d\d:\d\d(?![\d:])")]
    private static partial Regex Time();

    [GeneratedRegex(@"#-?\d{3,}")]
    private static partial Regex Uid();

    [GeneratedRegex(@"(?<=[:\s])\d{4}\b")]
    private static partial Regex Port();
}
