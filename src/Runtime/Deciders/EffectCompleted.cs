namespace Cluster.Runtime.Deciders;

/// <summary>The result of an asynchronous effect, piped to the actor itself; the shell decides <see cref="Result"/> from no one.</summary>
public sealed record EffectCompleted(object Result);
