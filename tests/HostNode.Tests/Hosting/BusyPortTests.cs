using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Akka;
using Cluster.Hosting.Configuration;

namespace Cluster.HostNode.Tests.Hosting;

public sealed class BusyPortTests
{
    [Fact]
    public void A_port_held_by_a_listener_bound_with_address_reuse_as_akkas_is_reported_busy()
    {
        // Akka's transport binds with address reuse, which .NET turns into SO_REUSEADDR and SO_REUSEPORT on Linux; a probe
        // doing the same would bind beside it and call the port free.
        using var node = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        node.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        node.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        node.Listen(1);
        var port = ((IPEndPoint)node.LocalEndPoint!).Port;

        var error = Assert.Throws<ConfigException>(() => PortAvailability.EnsureFree("--listen", "cluster", "127.0.0.1", port));

        Assert.Equal($"cluster port 127.0.0.1:{port} is already in use", error.Reason);
    }
}
