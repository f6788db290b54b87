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
            ReuseAddressOnly(socket);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
        }
        catch (SocketException ex)
        {
            var why = ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : $"cannot be bound: {ex.Message}";
            throw new ConfigException(option, FormattableString.Invariant($"{what} port {host}:{port} {why}"));
        }
    }

    /// <summary>
    /// SO_REUSEADDR lets the probe past connections of a previous run in TIME_WAIT, yet a live listener still refuses
    /// it. Not SocketOptionName.ReuseAddress: .NET sets SO_REUSEPORT with it on Unix, and Akka's DotNetty listener
    /// (tcp-reuse-addr) does the same, so such a probe binds beside a running controller and finds the port free.
    /// </summary>
    private static void ReuseAddressOnly(Socket socket)
    {
        var on = BitConverter.GetBytes(1);
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(1, 2, on); // SOL_SOCKET, SO_REUSEADDR
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            socket.SetRawSocketOption(0xffff, 0x0004, on); // SOL_SOCKET, SO_REUSEADDR
        }

        // Windows: its SO_REUSEADDR would let the probe steal a live port; without it a busy port refuses the bind.
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
