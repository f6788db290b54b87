using System.Globalization;
using Cluster.Controller.Planning.Admission;
using Cluster.Hosting.Configuration;
using Cluster.Messages;

namespace Cluster.Controller.Hosting;

/// <summary>
/// Reads <c>--admission</c>: <c>none</c> (default), <c>tolerate:N</c> (keep room for N host failures),
/// <c>reserve:CPU%,MEM%</c>, or <c>failover-hosts:h-1,h-2</c> (dedicated failover hosts).
/// </summary>
internal static class AdmissionSetting
{
    public const string Name = "admission";

    public static IAdmissionPolicy Read(Settings s)
    {
        var text = s.String(Name) ?? "none";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var argument = colon < 0 ? string.Empty : text[(colon + 1)..];
        return kind switch
        {
            "none" when argument.Length == 0 => AdmissionControl.Disabled,
            "tolerate" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var failures) && failures >= 1 =>
                AdmissionControl.TolerateHostFailures(failures),
            "reserve" when Percentages(argument) is { } reserve => AdmissionControl.ReservePercentage(reserve.Cpu, reserve.Memory),
            "failover-hosts" when argument.Length > 0 => AdmissionControl.DedicatedFailoverHosts(
                argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(HostId.From)),
            _ => throw s.Bad(Name, $"must be none, tolerate:N (N >= 1), reserve:CPU%,MEM% (0-100 each) or failover-hosts:h-1,h-2; got '{text}'"),
        };
    }

    private static (int Cpu, int Memory)? Percentages(string argument)
    {
        var parts = argument.Split(',');
        return parts.Length == 2
            && int.TryParse(parts[0].TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) && cpu <= 100
            && int.TryParse(parts[1].TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var memory) && memory <= 100
            ? (cpu, memory)
            : null;
    }
}
