namespace Cluster.Actors;

/// <summary>
/// A handle to an actor, local or remote. The only way to talk to an actor is to send it a message.
/// </summary>
public abstract class ActorRef : IEquatable<ActorRef>
{
    public abstract ActorPath Path { get; }

    /// <summary>Sends a message; returns at once. Messages from one sender to one receiver keep their order.</summary>
    public abstract void Tell(object message, ActorRef? sender = null);

    /// <summary>Supervision and DeathWatch traffic: handled before any user message already queued.</summary>
    internal abstract void SendSystemMessage(SystemMessage message);

    /// <summary>Sends on behalf of the current message's sender, so replies bypass the forwarder.</summary>
    public void Forward(object message, IActorContext context) => Tell(message, context.Sender);

    public bool Equals(ActorRef? other) => other is not null && Path.Equals(other.Path) && Path.Uid == other.Path.Uid;

    public override bool Equals(object? obj) => Equals(obj as ActorRef);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => Path.Uid == 0 ? Path.ToString() : $"{Path}#{Path.Uid}";
}
