using System.Net.Sockets;

namespace Cluster.Actors.Tests.Remote;

// One process per cluster port: a second transport on a busy port fails to bind instead of sharing it
// (SO_REUSEPORT let two controllers both listen on one port and both go active).
public sealed class PortOwnershipTests
{
    [Fact]
    public async Task A_second_transport_on_a_busy_port_fails_with_address_in_use()
    {
        await using var first = await TestNode.StartAsync("first");

        var error = await Assert.ThrowsAsync<SocketException>(() => TestNode.StartAsync("second", port: first.Address.Port));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    [Fact]
    public async Task A_stopped_transports_port_can_be_bound_again_at_once_though_its_connections_linger()
    {
        int port;
        using var client = new TcpClient();
        await using (var first = await TestNode.StartAsync("first"))
        {
            port = first.Address.Port;
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            await client.GetStream().WriteAsync(new byte[] { 0, 0, 0, 1, 0 });
        }

        await using var again = await TestNode.StartAsync("again", port: port);

        Assert.Equal(port, again.Address.Port);
    }
}
