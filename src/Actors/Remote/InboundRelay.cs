namespace Cluster.Actors.Remote;

/// <summary>
/// Stands in for the system while its transport starts: the transport must be listening before the
/// system exists (to know its real address), and anything arriving in that instant is dropped, as it
/// would be by a node not yet up.
/// </summary>
internal sealed class InboundRelay : ITransportInbound
{
    public ITransportInbound? Target { get; set; }

    public void Deliver(NodeAddress from, RemoteEnvelope envelope) => Target?.Deliver(from, envelope);
}
