using System.Threading.Channels;
using Cluster.Actors.Remote;

namespace Cluster.Actors.Tests.Remote;

/// <summary>Records what a transport delivers, in arrival order.</summary>
internal sealed class InboundProbe : ITransportInbound
{
    private readonly Channel<(NodeAddress From, RemoteEnvelope Envelope)> received = Channel.CreateUnbounded<(NodeAddress, RemoteEnvelope)>();

    public void Deliver(NodeAddress from, RemoteEnvelope envelope) => received.Writer.TryWrite((from, envelope));

    public Task<(NodeAddress From, RemoteEnvelope Envelope)> NextAsync() =>
        received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public bool TryNext(out (NodeAddress From, RemoteEnvelope Envelope) next) => received.Reader.TryRead(out next);
}
