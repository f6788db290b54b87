using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Cluster.Actors.Remote;
using Cluster.Actors.Remote.Tcp;

namespace Cluster.Actors.Tests.Remote;

/// <summary>A hand-driven client socket: speaks the real handshake when asked, then writes whatever bytes a test wants.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    public static readonly NodeAddress ClaimedAddress = new("raw", "127.0.0.1", 1);

    private readonly Socket socket;
    private readonly FramedConnection connection;

    private RawPeer(Socket socket)
    {
        this.socket = socket;
        connection = new FramedConnection(socket);
    }

    public static async Task<RawPeer> ConnectAsync(NodeAddress target)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(target.Host, target.Port);
        return new RawPeer(socket);
    }

    public static async Task<RawPeer> ConnectWithHandshakeAsync(NodeAddress target, string secret = TestNode.Secret)
    {
        var peer = await ConnectAsync(target);
        await Handshake.ConnectAsync(peer.connection, ClaimedAddress, target, System.Text.Encoding.UTF8.GetBytes(secret), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        return peer;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await connection.Writer.WriteAsync(bytes);
    }

    public Task WriteFrameAsync(ReadOnlyMemory<byte> body) => connection.WriteFrameAsync(body, CancellationToken.None).AsTask();

    /// <summary>Half-closes: the server sees end of stream after what was written.</summary>
    public async Task CloseOutputAsync()
    {
        await connection.Writer.FlushAsync();
        socket.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Completes when the server closes the connection.</summary>
    public async Task WaitClosedByServerAsync()
    {
        var closing = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var result = await connection.Reader.ReadAsync();
                    connection.Reader.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        return;
                    }
                }
            }
            catch (IOException)
            {
                // A reset is a close too.
            }
        });
        await closing.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static byte[] LengthPrefix(uint length)
    {
        var prefix = new byte[Frame.PrefixSize];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, length);
        return prefix;
    }

    public static byte[] EnvelopeBody(string manifest, ReadOnlySpan<byte> payload)
    {
        var body = new ArrayBufferWriter<byte>();
        WireWriter.WriteByte(body, EnvelopeCodec.Kind);
        WireWriter.WriteString(body, "/user/probe");
        WireWriter.WriteString(body, null);
        WireWriter.WriteString(body, manifest);
        WireWriter.WriteBytes(body, payload);
        return body.WrittenSpan.ToArray();
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
