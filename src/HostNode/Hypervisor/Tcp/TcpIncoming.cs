using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor.Tcp;

/// <summary>
/// A paused incoming VM awaiting its source on a <see cref="TcpMigrationTransport"/>. One source may connect; the memory
/// has arrived when that source says so over the connection. A source that vanishes before then leaves it paused for good.
/// </summary>
internal sealed class TcpIncoming(string uri, VmId vm, long incarnation, Action<TcpIncoming> forget) : IncomingEndpoint(uri)
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private volatile bool _received;
    private volatile bool _open = true;
    private Stream? _source;

    public VmId Vm { get; } = vm;

    public long Incarnation { get; } = incarnation;

    public override bool Received => _received;

    public override bool IsOpen => _open;

    /// <summary>Takes <paramref name="source"/> as this VM's one source; false if closed or one is already connected.</summary>
    public bool Adopt(Stream source)
    {
        lock (_gate)
        {
            if (!_open || _source is not null)
            {
                return false;
            }

            _source = source;
            return true;
        }
    }

    /// <summary>Answers the source until it closes the connection; returns whether the whole memory arrived.</summary>
    public async Task<bool> ServeAsync(Stream source)
    {
        try
        {
            await MigrationWire.WriteLineAsync(source, MigrationWire.Ready, _closing.Token).ConfigureAwait(false);
            while (await MigrationWire.ReadLineAsync(source, _closing.Token).ConfigureAwait(false) is { } line)
            {
                if (line == MigrationWire.Complete)
                {
                    _received = true;
                    await MigrationWire.WriteLineAsync(source, MigrationWire.Received, _closing.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            // A reset, or this side closed: what arrived so far is what counts.
        }

        return _received;
    }

    public override void Close()
    {
        Stream? source;
        lock (_gate)
        {
            _open = false;
            source = _source;
        }

        forget(this);
        _closing.Cancel();
        source?.Dispose();
    }
}
