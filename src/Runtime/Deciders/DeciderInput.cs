using Akka.Actor;
using Cluster.Deciders;

namespace Cluster.Runtime.Deciders;

/// <summary>What a mailbox message means to a decider: an effect's result comes from no one, anything else from its sender.</summary>
internal static class DeciderInput
{
    public static (object Input, Peer From) Of(object message, IActorRef? sender) => message switch
    {
        EffectCompleted completed => (completed.Result, Peer.None),
        EffectFaulted faulted => throw new EffectFailedException(faulted.Effect, faulted.Error),
        _ => (message, PeerRefs.Of(sender)),
    };
}
