using Akka.Actor;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>Sends every message back to its sender, so a reply proves both directions of a remote association.</summary>
internal sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(message => Sender.Tell(message));
}
