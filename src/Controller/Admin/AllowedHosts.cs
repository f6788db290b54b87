using System.Net;

namespace Cluster.Controller.Admin;

/// <summary>
/// The names a request's Host header may carry: loopback (127.0.0.0/8, [::1], localhost) and the configured
/// names, any port. A browser page on another site that rebinds its DNS name to this address still sends
/// its own name, so it is refused.
/// </summary>
internal sealed class AllowedHosts(IEnumerable<string> configured)
{
    private readonly HashSet<string> _names = new(configured.Select(NameOnly), StringComparer.OrdinalIgnoreCase);

    public bool Allows(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        return IsLoopback(host.Host) || _names.Contains(host.Host);
    }

    private static bool IsLoopback(string name) =>
        name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>"h" or "h:port" or "[v6]:port" configured: the host part, as <see cref="HostString.Host"/> gives it.</summary>
    internal static string NameOnly(string configured) => new HostString(configured.Trim()).Host;

    public override string ToString() => string.Join(", ", ["localhost", "127.0.0.1", "[::1]", .. _names.Where(n => !IsLoopback(n)).Order(StringComparer.Ordinal)]);
}
