namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// The target's side of a migration: where a paused incoming VM listens (the socket a QEMU target would have). It is
/// received once the source has said the whole memory arrived, which is what lets the target resume; the target's
/// hypervisor closes it when the instance is resumed or goes away.
/// </summary>
internal abstract class IncomingEndpoint(string uri)
{
    public string Uri { get; } = uri;

    /// <summary>The whole memory has arrived.</summary>
    public abstract bool Received { get; }

    public abstract bool IsOpen { get; }

    public abstract void Close();
}
