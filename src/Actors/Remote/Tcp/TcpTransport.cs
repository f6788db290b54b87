using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Actors.Remote.Serialization;
using Microsoft.Extensions.Logging;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// The production transport: length-prefixed frames over TCP, one outbound connection per peer, opened
/// lazily and re-opened after a failure, peers authenticated by a shared cluster secret. Connections carry
/// traffic one way: a node sends on the connection it opened and receives on those its peers opened.
/// </summary>
public sealed class TcpTransport : ITransport
{
    private readonly ConcurrentDictionary<NodeAddress, OutboundPeer> peers = new();
    private readonly ConcurrentDictionary<int, Task> inboundConnections = new();
    private readonly CancellationTokenSource shutdown = new();
    private Socket? listener;
    private Task acceptLoop = Task.CompletedTask;
    private ITransportInbound? inbound;
    private NodeAddress? localAddress;
    private int nextConnectionId;
    private long droppedEnvelopes;
    private volatile bool stopping;

    public TcpTransport(TcpTransportOptions options, MessageRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        options.Validate();
        Options = options;
        Codec = new EnvelopeCodec(registry, options.MaxFrameSize);
        Secret = Encoding.UTF8.GetBytes(options.ClusterSecret);
        Log = options.Logger;
    }

    /// <summary>
    /// Raised, on a transport thread, when a connection with a proven peer ends for any reason other than
    /// this transport's disposal. Handlers must be quick and must not throw (exceptions are logged).
    /// </summary>
    public event Action<PeerConnectionLost>? ConnectionLost;

    /// <summary>This node's address, with the real port when the options asked for port 0. Set by <see cref="StartAsync"/>.</summary>
    public NodeAddress LocalAddress => localAddress ?? throw new InvalidOperationException("the transport is not started");

    /// <summary>Messages dropped because a peer's queue was full or a connect failed.</summary>
    public long DroppedEnvelopes => Interlocked.Read(ref droppedEnvelopes);

    internal TcpTransportOptions Options { get; }

    internal EnvelopeCodec Codec { get; }

    internal byte[] Secret { get; }

    internal ILogger Log { get; }

    internal bool Stopping => stopping;

    internal ITransportInbound Inbound => inbound ?? throw new InvalidOperationException("the transport is not started");

    /// <summary>
    /// Lets a restarted node bind its port while old connections sit in TIME_WAIT (SO_REUSEADDR), and nothing
    /// more. Not <see cref="SocketOptionName.ReuseAddress"/>: on Unix .NET sets SO_REUSEPORT with it, which
    /// let a second process bind a busy port and share its connections (two controllers both went active).
    /// Windows allows rebinding during TIME_WAIT by default and needs nothing.
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
    }

    public async Task StartAsync(ITransportInbound inbound, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ObjectDisposedException.ThrowIf(stopping, this);
        if (Interlocked.CompareExchange(ref this.inbound, inbound, null) is not null)
        {
            throw new InvalidOperationException("the transport is already started");
        }

        var ip = IPAddress.TryParse(Options.Host, out var parsed)
            ? parsed
            : (await Dns.GetHostAddressesAsync(Options.Host, cancellationToken))[0];
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        ReuseAddressOnly(socket);

        try
        {
            socket.Bind(new IPEndPoint(ip, Options.Port));
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        listener = socket;
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        localAddress = new NodeAddress(Options.SystemName, Options.PublicHost ?? Options.Host, port);
        Log.Listening(localAddress);
        acceptLoop = Task.Run(() => AcceptAsync(socket, shutdown.Token), CancellationToken.None);
    }

    /// <summary>
    /// Queues the envelope for <paramref name="to"/> and returns at once. Throws only for caller bugs (not
    /// started, unregistered message type); an unreachable or slow peer makes it drop, never block.
    /// </summary>
    public void Send(NodeAddress to, RemoteEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(envelope.Message);
        _ = LocalAddress;
        Codec.Registry.EnsureRegistered(envelope.Message.GetType());
        if (stopping)
        {
            return;
        }

        var peer = peers.GetOrAdd(to, static (address, transport) => new OutboundPeer(transport, address), this);
        peer.EnsureStarted(shutdown.Token);
        if (!peer.TryEnqueue(envelope))
        {
            CountDropped(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stopping)
        {
            return;
        }

        stopping = true;
        foreach (var peer in peers.Values)
        {
            peer.Complete();
        }

        await shutdown.CancelAsync();
        listener?.Dispose();
        var loops = new List<Task> { acceptLoop };
        loops.AddRange(peers.Values.Select(p => p.Completion));
        loops.AddRange(inboundConnections.Values);
        try
        {
            await Task.WhenAll(loops);
        }
        catch (Exception)
        {
            // Each loop logs its own failures; here they only must not escape disposal.
        }

        // The token source is not disposed: a Send racing with disposal may still read its (cancelled) token,
        // and it owns no timer, so there is nothing to release.
    }

    internal void CountDropped(int count) => Interlocked.Add(ref droppedEnvelopes, count);

    internal void RaiseConnectionLost(PeerConnectionLost lost)
    {
        try
        {
            ConnectionLost?.Invoke(lost);
        }
        catch (Exception e)
        {
            Log.HandlerFailed(e);
        }
    }

    private async Task AcceptAsync(Socket listening, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listening.AcceptAsync(cancellationToken);
            }
            catch (Exception) when (stopping)
            {
                return;
            }
            catch (SocketException e)
            {
                // A connection reset before we took it, or too many open files: the listener itself is fine.
                Log.AcceptFailed(e);
                continue;
            }

            Track(new InboundConnection(this, socket).RunAsync(cancellationToken));
        }
    }

    private void Track(Task connection)
    {
        var id = Interlocked.Increment(ref nextConnectionId);
        inboundConnections[id] = connection;
        _ = connection.ContinueWith(
            _ => inboundConnections.TryRemove(id, out Task? _),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
