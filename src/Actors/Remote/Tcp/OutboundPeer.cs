using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// Everything this node sends to one peer: a queue that senders fill without blocking, and one loop that
/// connects on demand, drains the queue into the connection in batches, and reconnects after a failure
/// when there is something to send again.
/// </summary>
internal sealed class OutboundPeer
{
    // Flush at least this often inside a long batch, so the socket starts sending before the batch ends.
    private const int FlushThreshold = 64 * 1024;

    private readonly TcpTransport transport;
    private readonly Channel<RemoteEnvelope> queue;
    private int started;
    private int overflowing;
    private Task loop = Task.CompletedTask;

    public OutboundPeer(TcpTransport transport, NodeAddress remote)
    {
        this.transport = transport;
        Remote = remote;
        queue = Channel.CreateBounded<RemoteEnvelope>(new BoundedChannelOptions(transport.Options.OutboundQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: fails instead of blocking, so we can count drops
        });
    }

    public NodeAddress Remote { get; }

    public Task Completion => loop;

    public bool TryEnqueue(in RemoteEnvelope envelope)
    {
        if (queue.Writer.TryWrite(envelope))
        {
            return true;
        }

        if (Interlocked.Exchange(ref overflowing, 1) == 0)
        {
            transport.Log.QueueFull(Remote, transport.Options.OutboundQueueCapacity);
        }

        return false;
    }

    public void EnsureStarted(CancellationToken shutdown)
    {
        // Read first: this runs on every Send, and the exchange is needed only once.
        if (Volatile.Read(ref started) == 0 && Interlocked.Exchange(ref started, 1) == 0)
        {
            loop = Task.Run(() => RunAsync(shutdown), CancellationToken.None);
        }
    }

    public void Complete() => queue.Writer.TryComplete();

    private async Task RunAsync(CancellationToken shutdown)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(shutdown))
            {
                var connection = await TryConnectAsync(shutdown);
                if (connection is null)
                {
                    await Task.Delay(transport.Options.ReconnectBackoff, transport.Options.TimeProvider, shutdown);
                    continue;
                }

                string reason;
                await using (connection)
                {
                    reason = await PumpAsync(connection, shutdown);
                }

                if (!transport.Stopping)
                {
                    transport.Log.OutboundLost(Remote, reason);
                    transport.RaiseConnectionLost(new PeerConnectionLost(Remote, ConnectionDirection.Outbound, reason));
                }
            }
        }
        catch (Exception) when (transport.Stopping)
        {
        }
    }

    private async Task<FramedConnection?> TryConnectAsync(CancellationToken shutdown)
    {
        var options = transport.Options;
        using var deadline = new Deadline(options.HandshakeTimeout, options.TimeProvider, shutdown);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        FramedConnection? connection = null;
        try
        {
            await socket.ConnectAsync(Remote.Host, Remote.Port, deadline.Token);
            connection = new FramedConnection(socket);
            await Handshake.ConnectAsync(connection, transport.LocalAddress, Remote, transport.Secret, deadline.Token);
            transport.Log.OutboundConnected(Remote, connection.Endpoint);
            return connection;
        }
        catch (Exception e)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            if (transport.Stopping)
            {
                throw;
            }

            var reason = deadline.Expired ? $"connect and handshake timed out after {options.HandshakeTimeout}" : ConnectionFault.Describe(e);
            transport.Log.OutboundFailed(Remote, reason, DropQueued());
            return null;
        }
    }

    /// <summary>Writes until the connection fails or the transport stops; returns why it ended.</summary>
    private async Task<string> PumpAsync(FramedConnection connection, CancellationToken shutdown)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var writing = WriteAsync(connection.Writer, stop.Token);
        var watching = WatchAsync(connection.Reader, stop.Token);
        var first = await Task.WhenAny(writing, watching);
        await stop.CancelAsync();
        var reason = await ReasonAsync(first);
        await ReasonAsync(first == writing ? watching : writing);
        return reason;
    }

    private async Task<string> WriteAsync(PipeWriter writer, CancellationToken cancellationToken)
    {
        var reader = queue.Reader;
        var body = new ArrayBufferWriter<byte>(256);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var envelope))
            {
                if (TryEncode(envelope, body))
                {
                    Frame.Write(writer, body.WrittenSpan);
                }

                if (writer.UnflushedBytes >= FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }

            Volatile.Write(ref overflowing, 0);
            await writer.FlushAsync(cancellationToken);
        }

        return "transport stopped";
    }

    /// <summary>The acceptor never writes after its handshake; reading only notices that the peer went away.</summary>
    private static async Task<string> WatchAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (!result.Buffer.IsEmpty)
            {
                throw new WireProtocolException("peer sent data on a send-only connection");
            }

            if (result.IsCompleted)
            {
                return "closed by peer";
            }

            reader.AdvanceTo(result.Buffer.End);
        }
    }

    private bool TryEncode(in RemoteEnvelope envelope, ArrayBufferWriter<byte> body)
    {
        try
        {
            transport.Codec.Encode(envelope, body);
            return true;
        }
        catch (Exception e)
        {
            // One bad message must not take down the connection and everything queued behind it.
            transport.Log.EncodeFailed(envelope.Message.GetType().Name, Remote, ConnectionFault.Describe(e));
            return false;
        }
    }

    private int DropQueued()
    {
        var dropped = 0;
        while (queue.Reader.TryRead(out _))
        {
            dropped++;
        }

        transport.CountDropped(dropped);
        return dropped;
    }

    private static async Task<string> ReasonAsync(Task<string> task)
    {
        try
        {
            return await task;
        }
        catch (Exception e)
        {
            return ConnectionFault.Describe(e);
        }
    }
}
