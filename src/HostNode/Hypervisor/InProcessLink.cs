namespace Cluster.HostNode.Hypervisor;

/// <summary>A source's connection on an <see cref="InProcessMigrationNetwork"/>: ready at once, broken when the target's host or the link between the two goes.</summary>
internal sealed class InProcessLink(InProcessMigrationNetwork network, string fromHost, InProcessIncoming target) : OutgoingLink(target.Uri)
{
    public override bool Ready => true;

    public override string? Failure => network.Reaches(fromHost, target) ? null : $"lost the connection to {Uri}";

    public override bool Delivered => target.Received;

    public override void SendCompleted() => target.MarkReceived();

    public override void Close()
    {
        // Nothing to release: the endpoint belongs to the target's hypervisor.
    }
}
