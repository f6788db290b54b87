using System.Net.Sockets;

namespace Cluster.Integration.Tests;

/// <summary>
/// What an attacker or a confused client may send to a cluster port. Each payload goes on its own connection;
/// <see cref="HoldOpenAsync"/> keeps a connection that never speaks, as a slow-loris peer does.
/// </summary>
public static class HostileBytes
{
    public static IReadOnlyList<byte[]> Payloads { get; } =
    [
        // Deterministic noise (Random is banned): every byte value, scrambled.
        [.. Enumerable.Range(0, 64 * 1024).Select(i => (byte)((i * 131) + 7))],
        // A frame header claiming 2 GB, the way Akka.Remote's length-prefixed frames start, then nothing.
        [0x7F, 0xFF, 0xFF, 0xFF, 0x01, 0x02],
        // A TLS record header claiming 16 MB: a TLS client knocking on a plain port, or a broken one on a TLS port.
        [0x16, 0x03, 0x01, 0xFF, 0xFF, 0x01, 0xFF, 0xFF, 0xFF],
        // Another protocol entirely.
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(),
        [],
    ];

    /// <summary>Sends every payload, each on a fresh connection, <paramref name="rounds"/> times over.</summary>
    public static async Task SendAsync(int port, int rounds = 3)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var payload in Payloads)
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                var stream = client.GetStream();
                try
                {
                    await stream.WriteAsync(payload);
                    await stream.FlushAsync();
                }
                catch (IOException)
                {
                    // The node may reset the connection while we write: that is the defence working.
                }
            }
        }
    }

    /// <summary>Opens <paramref name="count"/> connections that send nothing; dispose to close them.</summary>
    public static async Task<IDisposable> HoldOpenAsync(int port, int count)
    {
        var clients = new List<TcpClient>();
        for (var i = 0; i < count; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            clients.Add(client);
        }

        return new Closer(clients);
    }

    private sealed class Closer(List<TcpClient> clients) : IDisposable
    {
        public void Dispose() => clients.ForEach(c => c.Dispose());
    }
}
