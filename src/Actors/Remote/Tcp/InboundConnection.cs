using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// A connection a peer opened to this node: handshake as acceptor, then read envelopes until the peer
/// closes or breaks the protocol. Whatever the peer does, only this connection ends.
/// </summary>
internal sealed class InboundConnection(TcpTransport transport, Socket socket)
{
    public async Task RunAsync(CancellationToken shutdown)
    {
        var connection = new FramedConnection(socket);
        NodeAddress? peer = null;
        var options = transport.Options;
        var deadline = new Deadline(options.HandshakeTimeout, options.TimeProvider, shutdown);
        try
        {
            peer = await Handshake.AcceptAsync(connection, transport.LocalAddress, transport.Secret, deadline.Token);
            deadline.Dispose();
            transport.Log.InboundAccepted(peer, connection.Endpoint);
            await ReceiveAsync(connection.Reader, peer, shutdown);
            transport.Log.InboundEnded(peer, connection.Endpoint, "closed by peer");
            transport.RaiseConnectionLost(new PeerConnectionLost(peer, ConnectionDirection.Inbound, "closed by peer"));
        }
        catch (Exception) when (transport.Stopping)
        {
        }
        catch (Exception e)
        {
            var reason = peer is null && deadline.Expired ? $"handshake timed out after {options.HandshakeTimeout}" : ConnectionFault.Describe(e);
            if (peer is null)
            {
                transport.Log.InboundRefused(connection.Endpoint, reason);
            }
            else
            {
                transport.Log.InboundClosed(peer, connection.Endpoint, reason);
                transport.RaiseConnectionLost(new PeerConnectionLost(peer, ConnectionDirection.Inbound, reason));
            }
        }
        finally
        {
            deadline.Dispose();
            await connection.DisposeAsync();
        }
    }

    private async Task ReceiveAsync(PipeReader reader, NodeAddress peer, CancellationToken shutdown)
    {
        var codec = transport.Codec;
        var strings = new Utf8StringCache();
        var maxFrameSize = transport.Options.MaxFrameSize;
        byte[] scratch = [];
        while (true)
        {
            var result = await reader.ReadAsync(shutdown);
            var buffer = result.Buffer;
            while (Frame.TryRead(ref buffer, maxFrameSize, out var body))
            {
                RemoteEnvelope envelope;
                if (body.IsSingleSegment)
                {
                    envelope = codec.Decode(body.FirstSpan, strings);
                }
                else
                {
                    // A frame split across pipe segments is copied once into a reused buffer.
                    if (scratch.Length < body.Length)
                    {
                        scratch = new byte[Math.Max((int)body.Length, Math.Min(2 * scratch.Length, maxFrameSize))];
                    }

                    body.CopyTo(scratch);
                    envelope = codec.Decode(scratch.AsSpan(0, (int)body.Length), strings);
                }

                Deliver(peer, envelope);
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    throw new WireProtocolException($"connection closed in the middle of a frame ({buffer.Length} bytes of it received)");
                }

                return;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private void Deliver(NodeAddress peer, RemoteEnvelope envelope)
    {
        try
        {
            transport.Inbound.Deliver(peer, envelope);
        }
        catch (Exception e)
        {
            // The receiving side's bug, not the peer's: keep the connection.
            transport.Log.DeliverFailed(e, envelope.Message.GetType().Name, peer);
        }
    }
}
