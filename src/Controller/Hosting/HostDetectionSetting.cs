using System.Globalization;
using Cluster.Controller.FailureDetection;
using Cluster.Hosting.Configuration;

namespace Cluster.Controller.Hosting;

/// <summary>
/// Reads <c>--host-detection</c>: <c>heartbeats</c> (default: Faulty after --missed-heartbeats) or <c>membership[:N]</c>
/// (also Faulty after N missed heartbeats, default 2, once the cluster has lost the host's node).
/// </summary>
internal static class HostDetectionSetting
{
    public const string Name = "host-detection";

    public static HostDetectionOptions Read(Settings s, int missedHeartbeats)
    {
        var text = s.String(Name) ?? "heartbeats";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var argument = colon < 0 ? null : text[(colon + 1)..];
        return kind switch
        {
            "heartbeats" when argument is null => new HostDetectionOptions(),
            "membership" when argument is null && missedHeartbeats > 2 => new HostDetectionOptions { Mode = HostDetectionMode.Membership },
            "membership" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var missed) && missed >= 1 && missed < missedHeartbeats =>
                new HostDetectionOptions { Mode = HostDetectionMode.Membership, MissedWhenNodeGone = missed },
            _ => throw s.Bad(Name, $"must be heartbeats or membership[:N] with 1 <= N < --missed-heartbeats ({missedHeartbeats}); got '{text}'"),
        };
    }
}
