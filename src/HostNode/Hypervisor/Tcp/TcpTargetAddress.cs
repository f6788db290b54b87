using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Configuration;

namespace Cluster.HostNode.Hypervisor.Tcp;

/// <summary>A migration address as QEMU writes it, <c>tcp:HOST:PORT</c> (an IPv6 host in brackets).</summary>
internal sealed record TcpTargetAddress(string Uri, string Host, int Port)
{
    private const string Scheme = "tcp:";

    public AddressFamily Family => IPAddress.TryParse(Host, out var ip) ? ip.AddressFamily : AddressFamily.InterNetwork;

    public static string Format(string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{Scheme}{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}");

    public static TcpTargetAddress? Parse(string uri)
    {
        if (!uri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        return Settings.TryParseEndpoint(uri[Scheme.Length..], out var endpoint) && endpoint.Port > 0
            ? new TcpTargetAddress(uri, endpoint.Host, endpoint.Port)
            : null;
    }
}
