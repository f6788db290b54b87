namespace Cluster.HostNode.Node;

/// <summary>
/// Why this host node must exit rather than rejoin, once its actor system has ended: set when the controller refused the
/// node for good (another live node holds its host id). Outlives the actor system, as <see cref="HostMachine"/> does.
/// </summary>
public sealed class NodeExit
{
    private string? _reason;

    public string? Reason => Volatile.Read(ref _reason);

    public void Request(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);
}
