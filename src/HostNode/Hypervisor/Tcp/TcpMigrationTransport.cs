using System.Net;
using System.Net.Sockets;
using Cluster.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.HostNode.Hypervisor.Tcp;

/// <summary>
/// Live migration between host-node processes over real TCP, for the simulated backend: one listening socket per
/// process (the node's migration listen address; port 0 lets the OS choose), whose address every incoming VM reports
/// as <c>tcp:HOST:PORT</c>. A source connects, names the VM and its incarnation, and runs the pre-copy model on its
/// side; on completion it tells the target over the connection that the whole memory has arrived. With a
/// <see cref="MigrationTls"/> every connection is mutual TLS with the node's cluster certificate; without one, plain TCP.
/// </summary>
public sealed class TcpMigrationTransport : MigrationTransport, IDisposable
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly MigrationTls? _tls;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<VmId, TcpIncoming> _incoming = [];
    private readonly HashSet<TcpLink> _links = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();

    /// <param name="listen">Where to accept sources; port 0 lets the OS choose.</param>
    /// <param name="advertisedHost">The host part of the addresses handed out: what sources dial (the listen address unless it is a wildcard).</param>
    /// <param name="tls">Mutual TLS with the cluster certificate, or null for plain TCP (a node without TLS).</param>
    /// <param name="log">Where refused and broken connections are told.</param>
    public TcpMigrationTransport(IPEndPoint listen, string advertisedHost, MigrationTls? tls, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentException.ThrowIfNullOrEmpty(advertisedHost);
        _tls = tls;
        _log = log ?? NullLogger.Instance;
        _listener = new TcpListener(listen);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        AdvertisedUri = TcpTargetAddress.Format(advertisedHost, Port);
        Accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port sources connect to (the OS's choice when 0 was asked).</summary>
    public int Port { get; }

    /// <summary>The address every incoming VM of this process reports, <c>tcp:HOST:PORT</c>.</summary>
    public string AdvertisedUri { get; }

    /// <summary>The accept loop; it ends when the transport is disposed.</summary>
    internal Task Accepting { get; }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        List<TcpIncoming> incoming;
        List<TcpLink> links;
        lock (_gate)
        {
            incoming = [.. _incoming.Values];
            links = [.. _links];
        }

        incoming.ForEach(i => i.Close());
        links.ForEach(l => l.Close());
    }

    internal override void Attach(string host, SimulatedHypervisor hypervisor)
    {
        // One process, one hypervisor: its incoming VMs are closed by it.
    }

    internal override IncomingEndpoint Listen(string host, SimulatedHypervisor owner, VmId vm, long incarnation)
    {
        var endpoint = new TcpIncoming(AdvertisedUri, vm, incarnation, Forget);
        lock (_gate)
        {
            _incoming[vm] = endpoint;
        }

        return endpoint;
    }

    internal override OutgoingLink? Connect(string fromHost, string targetUri, VmId vm, long sourceIncarnation, out string? refusal)
    {
        if (TcpTargetAddress.Parse(targetUri) is not { } target)
        {
            refusal = $"'{targetUri}' is not a tcp:HOST:PORT address";
            return null;
        }

        refusal = null;
        lock (_gate)
        {
            var link = new TcpLink(target, MigrationWire.HelloLine(vm, sourceIncarnation), _tls, Forget, Changed);
            _links.Add(link);
            return link;
        }
    }

    /// <summary>
    /// Waits until every open outgoing link satisfies <paramref name="settled"/> (by default: nothing on its way), woken
    /// by the links' state changes; fails after <paramref name="timeout"/>. For tests, which must not sleep.
    /// </summary>
    internal async Task WaitForLinksAsync(TimeSpan timeout, Func<TcpLink, bool>? settled = null)
    {
        settled ??= link => link.IsSettled;
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                signal = _changed.Task;
                if (_links.All(settled))
                {
                    return;
                }
            }

            await signal.WaitAsync(limit.Token).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Changed()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = _changed;
            _changed = NewSignal();
        }

        fired.TrySetResult();
    }

    private void Forget(TcpIncoming endpoint)
    {
        lock (_gate)
        {
            if (_incoming.GetValueOrDefault(endpoint.Vm) == endpoint)
            {
                _incoming.Remove(endpoint.Vm);
            }
        }
    }

    private void Forget(TcpLink link)
    {
        lock (_gate)
        {
            _links.Remove(link);
        }

        Changed();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    /// <summary>One source's connection: TLS, its hello, then the incoming VM it names answers it until it ends.</summary>
    private async Task ServeAsync(Socket socket)
    {
        var peer = socket.RemoteEndPoint?.ToString() ?? "?";
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            TcpIncoming? incoming;
            using (var hello = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                hello.CancelAfter(HelloTimeout);
                stream = _tls is null ? stream : await _tls.AcceptAsync(stream, hello.Token).ConfigureAwait(false);
                var line = await MigrationWire.ReadLineAsync(stream, hello.Token).ConfigureAwait(false);
                var (found, refusal) = Find(line, stream);
                incoming = found;
                if (refusal is not null)
                {
                    _log.LogWarning("migration connection from {Peer} refused: {Reason}", peer, refusal);
                    await MigrationWire.WriteLineAsync(stream, MigrationWire.RefusedLine(refusal), hello.Token).ConfigureAwait(false);
                    return;
                }
            }

            _log.LogInformation("migration source {Peer} connected for VM {Vm} (incarnation {Incarnation})", peer, incoming!.Vm, incoming.Incarnation);
            var received = await incoming.ServeAsync(stream).ConfigureAwait(false);
            if (!received && incoming.IsOpen)
            {
                _log.LogWarning("migration source {Peer} of VM {Vm} went away before the memory had all arrived: the incoming VM will not resume", peer, incoming.Vm);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidDataException
                                       or System.Security.Authentication.AuthenticationException)
        {
            _log.LogWarning("migration connection from {Peer} refused: {Reason}", peer, ex.Message);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The incoming VM a hello names, adopting the connection, or why it is refused.</summary>
    private (TcpIncoming? Incoming, string? Refusal) Find(string? line, Stream stream)
    {
        if (line is null || MigrationWire.ParseHello(line) is not var (vm, sourceIncarnation))
        {
            return (null, "not a migration hello");
        }

        TcpIncoming? incoming;
        lock (_gate)
        {
            incoming = _incoming.GetValueOrDefault(vm);
        }

        if (incoming is null)
        {
            return (null, $"nothing listens for VM {vm} here");
        }

        // The VRM never issues an incarnation twice, so the awaited one is later than the running source's, though not
        // always its successor: a retry after a rolled-back move awaits n + 2 or more.
        if (incoming.Incarnation <= sourceIncarnation)
        {
            return (null, $"VM {vm} is awaited as incarnation {incoming.Incarnation}, not later than the source's {sourceIncarnation}");
        }

        return incoming.Adopt(stream) ? (incoming, null) : (null, $"VM {vm} already has its source connected");
    }
}
