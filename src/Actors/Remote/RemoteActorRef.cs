namespace Cluster.Actors.Remote;

/// <summary>A reference to an actor on another node; messages go through the transport.</summary>
internal sealed class RemoteActorRef : ActorRef
{
    private readonly Remoting _remoting;

    internal RemoteActorRef(Remoting remoting, ActorPath path)
    {
        _remoting = remoting;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override void Tell(object message, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _remoting.Send(this, message, sender ?? ActorRefs.NoSender);
    }

    internal override void SendSystemMessage(SystemMessage message) => _remoting.SendSystem(this, message);
}
