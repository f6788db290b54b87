namespace Cluster.Actors;

/// <summary>
/// One-for-one supervision: the decision applies to the failing child only. A child restarted more
/// than <see cref="MaxRetries"/> times within <see cref="Window"/> is stopped instead.
/// </summary>
public sealed class SupervisorStrategy
{
    public SupervisorStrategy(int maxRetries, TimeSpan window, Func<Exception, Directive> decider)
    {
        MaxRetries = maxRetries;
        Window = window;
        Decider = decider;
    }

    /// <summary>Restarts without limit, except that a failed constructor or a Kill stops the child, as in Akka.</summary>
    public static SupervisorStrategy Default { get; } = new(-1, Timeout.InfiniteTimeSpan, DefaultDecider);

    public static SupervisorStrategy StoppingStrategy { get; } = new(-1, Timeout.InfiniteTimeSpan, _ => Directive.Stop);

    /// <summary>Negative means unlimited.</summary>
    public int MaxRetries { get; }

    /// <summary>Infinite means the count never resets.</summary>
    public TimeSpan Window { get; }

    public Func<Exception, Directive> Decider { get; }

    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        _ => Directive.Restart,
    };
}
