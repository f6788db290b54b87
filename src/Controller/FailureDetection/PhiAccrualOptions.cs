namespace Cluster.Controller.FailureDetection;

/// <summary>Parameters of <see cref="PhiAccrualFailureDetector"/>; names and defaults follow Akka's cluster failure detector.</summary>
public sealed record PhiAccrualOptions
{
    /// <summary>Phi at or above which the host is unavailable (8 ≈ one false suspicion in 10^8 under the model).</summary>
    public double Threshold { get; init; } = 8.0;

    public int MaxSampleSize { get; init; } = 1000;

    /// <summary>Floor of the standard deviation, so very regular heartbeats do not make any small delay look fatal.</summary>
    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Extra silence tolerated on top of the mean interval (GC pauses, network hiccups).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Assumed interval before any was measured, so a host that sends just one heartbeat can still be judged.</summary>
    public TimeSpan FirstHeartbeatEstimate { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending field.</summary>
    public PhiAccrualOptions Validate()
    {
        Require(Threshold > 0 && double.IsFinite(Threshold), nameof(Threshold), "a positive number", Threshold);
        Require(MaxSampleSize > 0, nameof(MaxSampleSize), "positive", MaxSampleSize);
        Require(MinStdDeviation.TotalMilliseconds >= 1, nameof(MinStdDeviation), "at least 1 ms", MinStdDeviation);
        Require(AcceptableHeartbeatPause >= TimeSpan.Zero, nameof(AcceptableHeartbeatPause), "not negative", AcceptableHeartbeatPause);
        Require(FirstHeartbeatEstimate.TotalMilliseconds >= 1, nameof(FirstHeartbeatEstimate), "at least 1 ms", FirstHeartbeatEstimate);
        return this;
    }

    internal static void Require(bool ok, string field, string rule, object value)
    {
        if (!ok)
        {
            throw new ArgumentException($"{field} must be {rule} but was {value}.", field);
        }
    }
}
