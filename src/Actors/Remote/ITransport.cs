namespace Cluster.Actors.Remote;

/// <summary>
/// Moves envelopes between nodes. Implementations: TCP (production) and the simulated network
/// (deterministic mode). Sends never block the caller and never throw for an unreachable peer:
/// the envelope is dropped, as a network would, and remote DeathWatch reports the peer.
/// </summary>
public interface ITransport : IAsyncDisposable
{
    NodeAddress LocalAddress { get; }

    /// <summary>Starts accepting inbound traffic, handing each envelope to <paramref name="inbound"/>.</summary>
    Task StartAsync(ITransportInbound inbound, CancellationToken cancellationToken = default);

    void Send(NodeAddress to, RemoteEnvelope envelope);
}

/// <summary>What a transport calls for traffic that arrives.</summary>
public interface ITransportInbound
{
    void Deliver(NodeAddress from, RemoteEnvelope envelope);
}
