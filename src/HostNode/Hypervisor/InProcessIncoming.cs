using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>A paused incoming VM listening on an <see cref="InProcessMigrationNetwork"/>; the source marks it received in the same call that completes its transfer.</summary>
internal sealed class InProcessIncoming(InProcessMigrationNetwork network, string uri, string host, SimulatedHypervisor owner, VmId vm)
    : IncomingEndpoint(uri)
{
    private bool _received;
    private bool _open = true;

    public string Host { get; } = host;

    public SimulatedHypervisor Owner { get; } = owner;

    public VmId Vm { get; } = vm;

    public override bool Received => _received;

    public override bool IsOpen => _open;

    public void MarkReceived() => _received = true;

    public override void Close()
    {
        _open = false;
        network.Forget(this);
    }
}
