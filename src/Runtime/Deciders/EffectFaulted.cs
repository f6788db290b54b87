namespace Cluster.Runtime.Deciders;

/// <summary>An asynchronous effect threw; the shell fails the actor with <see cref="EffectFailedException"/> when it arrives.</summary>
public sealed record EffectFaulted(object Effect, Exception Error);
