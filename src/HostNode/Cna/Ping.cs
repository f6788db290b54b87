using Akka.Actor;

namespace Cluster.HostNode.Cna;

/// <summary>Asked of the isolation address; any answer proves the management network still reaches it.</summary>
public sealed record Ping;

public sealed record Pong;

/// <summary>Runs at the isolation address and answers pings.</summary>
public sealed class PingResponder : ReceiveActor
{
    public PingResponder() => Receive<Ping>(_ => Sender.Tell(new Pong(), Self));
}
