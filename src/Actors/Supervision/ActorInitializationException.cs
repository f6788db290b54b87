namespace Cluster.Actors;

/// <summary>The actor's constructor or PreStart threw.</summary>
public sealed class ActorInitializationException(string message, Exception inner) : Exception(message, inner);
