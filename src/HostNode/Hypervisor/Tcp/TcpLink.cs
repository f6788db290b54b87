using System.Net.Sockets;

namespace Cluster.HostNode.Hypervisor.Tcp;

/// <summary>
/// The source's connection to an incoming VM on another host-node process, made and watched on a background task so
/// that the agent's calls never wait on the network: it connects (and shakes hands, with TLS), names the VM, and then
/// reads until the target confirms the memory or the connection ends. An end before the confirmation is a failure.
/// </summary>
internal sealed class TcpLink : OutgoingLink
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _closing = new();
    private readonly Action<TcpLink> _forget;
    private readonly Action _changed;
    private volatile bool _ready;
    private volatile bool _delivered;
    private volatile bool _closed;
    private volatile string? _failure;
    private volatile Stream? _stream;
    private volatile bool _completionSent;

    // changed: told whenever the link's state changes, so tests wait on it instead of sleeping.
    public TcpLink(TcpTargetAddress target, string hello, MigrationTls? tls, Action<TcpLink> forget, Action changed)
        : base(target.Uri)
    {
        _forget = forget;
        _changed = changed;
        Running = Task.Run(() => RunAsync(target, hello, tls));
    }

    public override bool Ready => _ready;

    public override string? Failure => _failure;

    public override bool Delivered => _delivered;

    /// <summary>The background task; it ends when the connection does.</summary>
    public Task Running { get; }

    /// <summary>Nothing is on its way: the link broke, the target confirmed the memory, or it is connected and idle.</summary>
    public bool IsSettled => _failure is not null || _delivered || (_ready && !_completionSent);

    public override void SendCompleted()
    {
        _completionSent = true;
        if (_stream is not { } stream)
        {
            Fail("completed before the connection was made");
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await MigrationWire.WriteLineAsync(stream, MigrationWire.Complete, _closing.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                Fail($"lost the connection to {Uri}: {ex.Message}");
            }
        });
    }

    public override void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _forget(this);
        _closing.Cancel();
        _stream?.Dispose();
    }

    private async Task RunAsync(TcpTargetAddress target, string hello, MigrationTls? tls)
    {
        var connected = false;
        try
        {
            using var client = new TcpClient(target.Family);
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token))
            {
                connecting.CancelAfter(ConnectTimeout);
                await client.ConnectAsync(target.Host, target.Port, connecting.Token).ConfigureAwait(false);
                connected = true;
                Stream stream = client.GetStream();
                stream = tls is null ? stream : await tls.DialAsync(stream, target.Host, connecting.Token).ConfigureAwait(false);
                _stream = stream;
                await MigrationWire.WriteLineAsync(stream, hello, connecting.Token).ConfigureAwait(false);
                var answer = await MigrationWire.ReadLineAsync(stream, connecting.Token).ConfigureAwait(false);
                if (answer != MigrationWire.Ready)
                {
                    Fail(answer is null ? $"{Uri} closed the connection before accepting the VM" : $"{Uri} refused the VM: {MigrationWire.Refusal(answer)}");
                    return;
                }
            }

            _ready = true;
            _changed();
            await WatchAsync(_stream!).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException
                                       or InvalidDataException or System.Security.Authentication.AuthenticationException)
        {
            Fail(connected ? $"lost the connection to {Uri}: {ex.Message}" : $"cannot connect to {Uri}: {ex.Message}");
        }
        finally
        {
            _stream?.Dispose();
        }
    }

    private async Task WatchAsync(Stream stream)
    {
        while (await MigrationWire.ReadLineAsync(stream, _closing.Token).ConfigureAwait(false) is { } line)
        {
            if (line == MigrationWire.Received)
            {
                _delivered = true;
                _changed();
            }
        }

        Fail($"lost the connection to {Uri}: the target closed it");
    }

    // Once the target holds the memory, or this side closed the link, the connection's end is no failure.
    private void Fail(string reason)
    {
        if (!_delivered && !_closed)
        {
            _failure ??= reason;
            _changed();
        }
    }
}
