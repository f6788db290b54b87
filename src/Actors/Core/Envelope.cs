namespace Cluster.Actors;

/// <summary>A user message together with who sent it, as it sits in a mailbox.</summary>
public readonly record struct Envelope(object Message, ActorRef Sender);
