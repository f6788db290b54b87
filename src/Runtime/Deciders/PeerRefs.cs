using Akka.Actor;
using Cluster.Deciders;

namespace Cluster.Runtime.Deciders;

/// <summary>How a decider's opaque <see cref="Peer"/> maps to Akka: a peer is the sender's <see cref="IActorRef"/>.</summary>
public static class PeerRefs
{
    /// <summary>
    /// The peer of an input's sender. Timer messages, <c>ActorRefs.NoSender</c> and dead letters all become
    /// <see cref="Peer.None"/>, so a decider never replies into dead letters and can tell "no one asked".
    /// </summary>
    public static Peer Of(IActorRef? sender) => sender is null || sender.IsNobody() ? Peer.None : new Peer(sender);

    /// <summary>The actor a step's message goes to; a peer this runtime did not make is a bug in the decider.</summary>
    public static IActorRef RefOf(Peer peer) => peer.Ref as IActorRef
        ?? throw new ArgumentException($"Peer '{peer}' is not an actor reference; under Akka every peer comes from {nameof(PeerRefs)}.{nameof(Of)}.", nameof(peer));
}
