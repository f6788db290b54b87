namespace Cluster.Actors;

/// <summary>
/// What a path resolves to when nothing lives there (never did, or stopped). Messages become dead
/// letters; a Watch is answered at once with Terminated, so watching a dead actor never hangs.
/// </summary>
internal sealed class DeadActorRef(ActorSystem system, ActorPath path) : ActorRef
{
    public override ActorPath Path { get; } = path;

    public override void Tell(object message, ActorRef? sender = null) =>
        system.PublishDeadLetter(message, sender ?? ActorRefs.NoSender, this);

    internal override void SendSystemMessage(SystemMessage message) => system.HandleSystemMessageToDeadActor(this, message);
}
