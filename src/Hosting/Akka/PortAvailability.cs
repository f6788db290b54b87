using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Configuration;

namespace Cluster.Hosting.Akka;

/// <summary>
/// Refuses a busy port before the node joins or takes a lease. Akka's transport would report it only after start-up
/// had begun; and a listener opened with address reuse would share it silently, which is how two controllers once
/// both ran (issue 7).
/// </summary>
public static class PortAvailability
{
    private const int LinuxSolSocket = 1;
    private const int LinuxSoReuseAddr = 2;

    public static void EnsureFree(string option, string what, string host, int port)
    {
        if (port == 0)
        {
            return;
        }

        var address = host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var ip) ? ip : Resolve(option, host);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Linux's SO_REUSEADDR alone lets the probe past connections of a previous run in TIME_WAIT, yet a live listener
            // still refuses it. Not SocketOptionName.ReuseAddress: .NET adds SO_REUSEPORT on Unix, and Akka's listener sets
            // both, so such a probe binds beside a live node and reports its port free (seen: two hosts on one port).
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(LinuxSolSocket, LinuxSoReuseAddr, BitConverter.GetBytes(1));
            }

            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
        }
        catch (SocketException ex)
        {
            var why = ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : $"cannot be bound: {ex.Message}";
            throw new ConfigException(option, FormattableString.Invariant($"{what} port {host}:{port} {why}"));
        }
    }

    private static IPAddress Resolve(string option, string host)
    {
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new ConfigException(option, $"'{host}' resolves to no address");
        }
        catch (SocketException ex)
        {
            throw new ConfigException(option, $"'{host}' cannot be resolved: {ex.Message}");
        }
    }
}
