using Cluster.Actors.Remote;

namespace Cluster.Actors;

public static class ActorRefs
{
    /// <summary>The sender of a message sent from outside any actor. Replies to it are dropped.</summary>
    public static ActorRef NoSender { get; } = new NobodyRef();

    private sealed class NobodyRef : ActorRef
    {
        public override ActorPath Path { get; } = new(new NodeAddress("none", "none", 0), "/nobody");

        public override void Tell(object message, ActorRef? sender = null)
        {
        }

        internal override void SendSystemMessage(SystemMessage message)
        {
        }
    }
}
