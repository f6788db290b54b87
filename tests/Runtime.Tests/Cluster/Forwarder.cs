using Akka.Actor;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>Passes every message to a probe, so a remote node's message can be expected by the TestKit of another system.</summary>
internal sealed class Forwarder : ReceiveActor
{
    public Forwarder(IActorRef target) => ReceiveAny(message => target.Forward(message));
}
