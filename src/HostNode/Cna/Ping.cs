namespace Cluster.HostNode.Cna;

/// <summary>Asked of the isolation address; any answer proves the management network still reaches it.</summary>
public sealed record Ping;

public sealed record Pong;

/// <summary>Runs at the isolation address and answers pings.</summary>
public sealed class PingResponder : Actors.ActorBase
{
    protected override void OnReceive(object message)
    {
        if (message is Ping)
        {
            Sender.Tell(new Pong(), Self);
        }
    }
}
