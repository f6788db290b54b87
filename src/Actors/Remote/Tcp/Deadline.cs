namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// A token that fires at a timeout measured by the transport's <see cref="TimeProvider"/> or when the
/// transport shuts down, and which of the two happened: a timeout is the peer's fault, a shutdown is not.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource timeout;
    private readonly CancellationTokenSource linked;
    private readonly CancellationToken outer;

    public Deadline(TimeSpan after, TimeProvider time, CancellationToken outer)
    {
        this.outer = outer;
        timeout = new CancellationTokenSource(after, time);
        linked = CancellationTokenSource.CreateLinkedTokenSource(outer, timeout.Token);
    }

    public CancellationToken Token => linked.Token;

    public bool Expired => timeout.IsCancellationRequested && !outer.IsCancellationRequested;

    public void Dispose()
    {
        linked.Dispose();
        timeout.Dispose();
    }
}
