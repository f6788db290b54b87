using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// A paused incoming VM listening on an <see cref="InProcessMigrationNetwork"/>: the socket a QEMU target would have. The
/// source marks it received when its transfer completes; the target's hypervisor closes it when the instance is resumed
/// or goes away, and a closed or unreachable endpoint fails the transfer.
/// </summary>
internal sealed class IncomingEndpoint(string uri, string host, SimulatedHypervisor owner, VmId vm, long incarnation)
{
    public string Uri { get; } = uri;

    public string Host { get; } = host;

    public SimulatedHypervisor Owner { get; } = owner;

    public VmId Vm { get; } = vm;

    public long Incarnation { get; } = incarnation;

    /// <summary>The whole memory has arrived.</summary>
    public bool Received { get; set; }

    public bool IsOpen { get; set; } = true;
}
