namespace Cluster.Controller.FailureDetection;

/// <summary>Parameters of <see cref="MissedHeartbeatsDetector"/>: faulty after <see cref="MaxMissed"/> intervals of silence.</summary>
public sealed record MissedHeartbeatsOptions
{
    /// <summary>How often hosts send heartbeats.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Heartbeats that may be missed in a row before the host is faulty (10 × 3 s = 30 s).</summary>
    public int MaxMissed { get; init; } = 10;

    /// <summary>Silence after which the host is faulty.</summary>
    public TimeSpan Timeout => Interval * MaxMissed;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending field.</summary>
    public MissedHeartbeatsOptions Validate()
    {
        PhiAccrualOptions.Require(Interval > TimeSpan.Zero, nameof(Interval), "positive", Interval);
        PhiAccrualOptions.Require(MaxMissed > 0, nameof(MaxMissed), "positive", MaxMissed);
        return this;
    }
}
