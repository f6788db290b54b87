namespace Cluster.Runtime.Deciders;

/// <summary>An effect runner threw instead of returning a result; thrown inside the actor so its supervisor restarts it.</summary>
public sealed class EffectFailedException : Exception
{
    public EffectFailedException()
    {
    }

    public EffectFailedException(string message)
        : base(message)
    {
    }

    public EffectFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EffectFailedException(object effect, Exception innerException)
        : base($"Effect {effect} failed: {innerException?.Message}", innerException)
    {
    }
}
