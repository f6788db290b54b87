namespace Cluster.Actors;

/// <summary>A message that could not be delivered: its recipient had stopped or never existed.</summary>
public sealed record DeadLetter(object Message, ActorRef Sender, ActorRef Recipient);

/// <summary>A message the recipient's current behaviour did not handle.</summary>
public sealed record UnhandledMessage(object Message, ActorRef Sender, ActorRef Recipient);
