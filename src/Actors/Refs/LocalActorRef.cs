namespace Cluster.Actors;

/// <summary>A reference to an actor in this process.</summary>
internal sealed class LocalActorRef : ActorRef
{
    internal LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
    }

    public override ActorPath Path { get; }

    internal ActorCell Cell { get; }

    public override void Tell(object message, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Cell.System.IsCrashed)
        {
            return;
        }

        Cell.Mailbox.PostUser(new Envelope(message, sender ?? ActorRefs.NoSender));
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (Cell.System.IsCrashed)
        {
            return;
        }

        if (Cell.IsTerminated)
        {
            Cell.System.HandleSystemMessageToDeadActor(this, message);
            return;
        }

        Cell.Mailbox.PostSystem(message);
    }
}
