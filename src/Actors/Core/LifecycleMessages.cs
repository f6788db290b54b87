namespace Cluster.Actors;

/// <summary>Stops the receiver after the messages queued before it are processed.</summary>
public sealed record PoisonPill
{
    public static readonly PoisonPill Instance = new();
}

/// <summary>Makes the receiver fail with <see cref="ActorKilledException"/>; its supervisor decides what happens.</summary>
public sealed record Kill
{
    public static readonly Kill Instance = new();
}

/// <summary>
/// Delivered to a watcher when the watched actor stopped. <see cref="AddressTerminated"/> says the
/// actor's node became unreachable, so the actor may in fact still run there.
/// </summary>
public sealed record Terminated(ActorRef Actor, bool ExistenceConfirmed, bool AddressTerminated);

/// <summary>Sent to an actor that set a receive timeout and got no message for that long.</summary>
public sealed record ReceiveTimeout
{
    public static readonly ReceiveTimeout Instance = new();
}

/// <summary>Messages that do not reset the receive timeout (periodic ticks, for instance) implement this.</summary>
public interface INotInfluenceReceiveTimeout;

public sealed class ActorKilledException(string message) : Exception(message);

/// <summary>Thrown to the asker when no reply came within the ask's timeout.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
