using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>One TCP connection seen as a pair of pipes, for either direction.</summary>
internal sealed class FramedConnection : IAsyncDisposable
{
    // Big enough that a flush of many small frames is one syscall.
    private const int BufferSize = 64 * 1024;

    private readonly NetworkStream stream;

    public FramedConnection(Socket socket)
    {
        socket.NoDelay = true; // we batch frames ourselves; Nagle would only add latency
        Endpoint = socket.RemoteEndPoint?.ToString() ?? "unknown endpoint";
        stream = new NetworkStream(socket, ownsSocket: true);
        Reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: 4096, leaveOpen: true));
        Writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true));
    }

    /// <summary>The remote IP and port, for log lines: the one thing known about a peer before its handshake.</summary>
    public string Endpoint { get; }

    public PipeReader Reader { get; }

    public PipeWriter Writer { get; }

    /// <summary>Reads one whole frame body as an array; for the few small frames of the handshake.</summary>
    public async ValueTask<byte[]> ReadFrameAsync(int maxBodySize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await Reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (Frame.TryRead(ref buffer, maxBodySize, out var body))
            {
                var bytes = body.ToArray();
                Reader.AdvanceTo(buffer.Start);
                return bytes;
            }

            if (result.IsCompleted)
            {
                throw new WireProtocolException("connection closed during the handshake");
            }

            Reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async ValueTask WriteFrameAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Frame.Write(Writer, body.Span);
        await Writer.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.CompleteAsync();
        try
        {
            // Flushes what is still buffered; on a broken socket that fails, and there is no one left to tell.
            await Writer.CompleteAsync();
        }
        catch (Exception)
        {
        }

        await stream.DisposeAsync();
    }
}
