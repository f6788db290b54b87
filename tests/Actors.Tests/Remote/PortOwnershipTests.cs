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
}
