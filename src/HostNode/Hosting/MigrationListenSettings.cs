using System.Net;
using Settings = Cluster.Hosting.Configuration.Settings;

namespace Cluster.HostNode.Hosting;

/// <summary>
/// The host node's <c>--migration-listen</c>: the socket incoming live migrations are accepted on, and the host that
/// sources are told to dial (the listen address, or <c>--public-host</c> when it listens on a wildcard address).
/// </summary>
public sealed record MigrationListenSettings(IPEndPoint Listen, string AdvertisedHost)
{
    public static MigrationListenSettings From(Settings s, string? publicHost)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (host, port) = s.Endpoint("migration-listen", HostNodeOptions.DefaultMigrationListen);
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : throw s.Bad("migration-listen", $"'{host}' must be an IP address (or localhost)");
        var wildcard = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
        if (wildcard && publicHost is null)
        {
            throw s.Bad("migration-listen", $"listens on every address ({host}), so sources need --public-host to know which one to dial");
        }

        return new MigrationListenSettings(new IPEndPoint(address, port), wildcard ? publicHost! : address.ToString());
    }
}
