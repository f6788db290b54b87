namespace Cluster.Controller.FailureDetection;

/// <summary>
/// The phi accrual failure detector (Hayashibara et al.), with Akka's semantics: phi = -log10(1 - CDF(t)), where t is
/// the time since the last heartbeat and the CDF is of a normal distribution fitted to the recent intervals, its mean
/// shifted by the acceptable pause. Phi rises smoothly with silence; the host is unavailable once phi reaches the
/// threshold. Adapts to each host's own rhythm, so a slow-but-regular host is not suspected for being slow.
/// </summary>
public sealed class PhiAccrualFailureDetector : IFailureDetector
{
    private readonly PhiAccrualOptions _options;
    private HeartbeatHistory _history;
    private DateTimeOffset? _last;

    public PhiAccrualFailureDetector(PhiAccrualOptions? options = null)
    {
        _options = (options ?? new PhiAccrualOptions()).Validate();
        _history = Bootstrap();
    }

    public void Heartbeat(DateTimeOffset now)
    {
        if (_last is { } last)
        {
            // The first heartbeat after a failure is not a sample: the long silence before it would skew the statistics.
            if (IsAvailable(now))
            {
                _history.Add(Millis(now - last));
            }
        }
        else
        {
            _history = Bootstrap();
        }

        _last = now;
    }

    public bool IsAvailable(DateTimeOffset now) => Phi(now) < _options.Threshold;

    /// <summary>The suspicion level now; 0 before the first heartbeat (an unmonitored host is not suspected).</summary>
    public double Phi(DateTimeOffset now)
    {
        if (_last is not { } last)
        {
            return 0.0;
        }

        var mean = _history.Mean + _options.AcceptableHeartbeatPause.TotalMilliseconds;
        var stdDeviation = Math.Max(_history.StdDeviation, _options.MinStdDeviation.TotalMilliseconds);
        return PhiOf(Millis(now - last), mean, stdDeviation);
    }

    /// <summary>
    /// -log10(1 - CDF(x)) using the logistic approximation of the normal CDF, 1 / (1 + e^(-y(1.5976 + 0.070566 y²))),
    /// y = (x - mean) / sd (error about 1.4e-4). Each branch is arranged so that neither side loses all its digits.
    /// </summary>
    public static double PhiOf(double timeDiff, double mean, double stdDeviation)
    {
        var y = (timeDiff - mean) / stdDeviation;
        var e = Math.Exp(-y * (1.5976 + (0.070566 * y * y)));
        return timeDiff > mean
            ? -Math.Log10(e / (1.0 + e))
            : -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }

    private static long Millis(TimeSpan span) => Math.Max(0, (long)span.TotalMilliseconds);

    /// <summary>Two guessed samples around the first estimate with a wide deviation, so one heartbeat is enough to judge by.</summary>
    private HeartbeatHistory Bootstrap()
    {
        var history = new HeartbeatHistory(_options.MaxSampleSize);
        var mean = (long)_options.FirstHeartbeatEstimate.TotalMilliseconds;
        var stdDeviation = mean / 4;
        history.Add(mean - stdDeviation);
        history.Add(mean + stdDeviation);
        return history;
    }
}
