using Cluster.Actors.Remote;

namespace Cluster.Actors.Deterministic;

/// <summary>A node's endpoint on the <see cref="SimulatedNetwork"/>. Messages travel as objects, unserialized.</summary>
internal sealed class SimulatedTransport(SimulatedNetwork network, NodeAddress address) : ITransport
{
    private ITransportInbound? _inbound;
    private bool _stopped;

    public NodeAddress LocalAddress { get; } = address;

    public Task StartAsync(ITransportInbound inbound, CancellationToken cancellationToken = default)
    {
        _inbound = inbound;
        network.Register(this);
        return Task.CompletedTask;
    }

    public void Send(NodeAddress to, RemoteEnvelope envelope)
    {
        if (!_stopped)
        {
            network.Send(LocalAddress, to, envelope);
        }
    }

    internal void Receive(NodeAddress from, RemoteEnvelope envelope)
    {
        if (!_stopped)
        {
            _inbound?.Deliver(from, envelope);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopped = true;
        return ValueTask.CompletedTask;
    }
}
