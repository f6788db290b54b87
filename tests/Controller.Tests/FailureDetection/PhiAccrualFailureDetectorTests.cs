using Cluster.Controller.FailureDetection;
using Cluster.Controller.Tests.Planning;

namespace Cluster.Controller.Tests.FailureDetection;

public sealed class PhiAccrualFailureDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>-log10(1 - CDF(mean)) = -log10(0.5): the silence exactly equals the expected interval plus the pause.</summary>
    private static readonly double PhiAtMean = Math.Log10(2);

    private static DateTimeOffset Ms(long ms) => T0 + TimeSpan.FromMilliseconds(ms);

    /// <summary>Heartbeats at T0, T0+interval, ...; returns the time of the last one.</summary>
    private static DateTimeOffset Beat(PhiAccrualFailureDetector detector, int count, long intervalMs)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(detector.IsAvailable(Ms(i * intervalMs)), $"tripped at heartbeat {i}");
            detector.Heartbeat(Ms(i * intervalMs));
        }

        return Ms((count - 1) * intervalMs);
    }

    [Fact]
    public void Defaults_are_akkas()
    {
        var options = new PhiAccrualOptions();

        Assert.Equal(8.0, options.Threshold);
        Assert.Equal(1000, options.MaxSampleSize);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.MinStdDeviation);
        Assert.Equal(TimeSpan.FromSeconds(3), options.AcceptableHeartbeatPause);
        Assert.Equal(TimeSpan.FromSeconds(1), options.FirstHeartbeatEstimate);
    }

    [Fact]
    public void A_host_never_heard_from_is_not_suspected()
    {
        var detector = new PhiAccrualFailureDetector();

        Assert.Equal(0.0, detector.Phi(Ms(1_000_000)));
        Assert.True(detector.IsAvailable(Ms(1_000_000)));
    }

    [Fact]
    public void After_one_heartbeat_the_first_estimate_stands_in_for_the_history()
    {
        var detector = new PhiAccrualFailureDetector();
        detector.Heartbeat(T0);

        // Bootstrap samples 750 and 1250 ms: mean 1 s, deviation 250 ms, plus the 3 s acceptable pause.
        Assert.Equal(PhiAtMean, detector.Phi(Ms(4000)), precision: 3);
        Assert.True(detector.IsAvailable(Ms(5000)));
        Assert.False(detector.IsAvailable(Ms(7000)));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(3000)]
    public void Regular_heartbeats_never_trip(long intervalMs)
    {
        var detector = new PhiAccrualFailureDetector();

        var last = Beat(detector, 2000, intervalMs);

        Assert.True(detector.Phi(last + TimeSpan.FromMilliseconds(intervalMs)) < 1.0);
    }

    [Fact]
    public void Silence_trips_a_little_after_the_interval_plus_the_acceptable_pause()
    {
        var detector = new PhiAccrualFailureDetector();
        var last = Beat(detector, 1100, 3000);

        // Past max-sample-size beats only exact 3 s intervals remain (the bootstrap guesses are gone), so the deviation
        // is the 100 ms floor: phi crosses 8 about 5.2 deviations past 3 s + 3 s.
        Assert.True(detector.IsAvailable(last + TimeSpan.FromSeconds(6)));
        Assert.True(detector.IsAvailable(last + TimeSpan.FromSeconds(6.5)));
        Assert.False(detector.IsAvailable(last + TimeSpan.FromSeconds(6.55)));
        Assert.False(detector.IsAvailable(last + TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Phi_grows_with_silence()
    {
        var detector = new PhiAccrualFailureDetector();
        var last = Beat(detector, 10, 1000);

        var phis = Enumerable.Range(0, 60).Select(i => detector.Phi(last + TimeSpan.FromMilliseconds(i * 100))).ToList();

        Assert.Equal(phis.Order(), phis);
        Assert.True(phis[^1] > phis[0]);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    [InlineData(20260101UL)]
    public void Jittered_heartbeats_within_the_acceptable_pause_never_trip(ulong seed)
    {
        var random = new SplitMix64(seed);
        var detector = new PhiAccrualFailureDetector();
        var now = T0;
        for (var i = 0; i < 3000; i++)
        {
            // 3 s ± 1 s, and one beat in ten delayed by up to 2.5 s more (still within the 3 s acceptable pause).
            var interval = random.Between(2000, 4000) + (random.Chance(10) ? random.Between(0, 2500) : 0);
            now += TimeSpan.FromMilliseconds(interval);
            Assert.True(detector.IsAvailable(now), $"seed {seed}: tripped at beat {i} after {interval} ms, phi {detector.Phi(now)}");
            detector.Heartbeat(now);
        }
    }

    [Fact]
    public void The_first_heartbeat_after_a_failure_does_not_enter_the_history()
    {
        var detector = new PhiAccrualFailureDetector();
        var last = Beat(detector, 10, 1000);
        var back = last + TimeSpan.FromMinutes(1);
        Assert.False(detector.IsAvailable(back));

        detector.Heartbeat(back);

        // Had the 60 s gap been sampled, the mean would be far above 1 s and phi would stay low for a long time.
        Assert.True(detector.IsAvailable(back + TimeSpan.FromSeconds(4)));
        Assert.False(detector.IsAvailable(back + TimeSpan.FromSeconds(6)));
    }

    [Fact]
    public void Only_the_last_max_sample_size_intervals_count()
    {
        var detector = new PhiAccrualFailureDetector(new PhiAccrualOptions { MaxSampleSize = 3 });
        var now = Beat(detector, 10, 1000);
        for (var i = 0; i < 3; i++)
        {
            now += TimeSpan.FromSeconds(2);
            detector.Heartbeat(now);
        }

        // Only the three 2 s intervals remain: the mean is 2 s, plus the 3 s pause.
        Assert.Equal(PhiAtMean, detector.Phi(now + TimeSpan.FromSeconds(5)), precision: 3);
    }

    [Fact]
    public void Phi_follows_the_logistic_approximation()
    {
        Assert.Equal(PhiAtMean, PhiAccrualFailureDetector.PhiOf(1000, 1000, 100), precision: 9);

        // One deviation above the mean: 1 - CDF(1) ≈ 0.1587 in the exact normal, so phi ≈ 0.80.
        Assert.Equal(-Math.Log10(0.1587), PhiAccrualFailureDetector.PhiOf(1100, 1000, 100), precision: 2);
        Assert.True(PhiAccrualFailureDetector.PhiOf(900, 1000, 100) < PhiAtMean);
        // Far past the mean the approximation underflows to an infinite phi: unavailable, never NaN.
        Assert.Equal(double.PositiveInfinity, PhiAccrualFailureDetector.PhiOf(1_000_000, 1000, 100));
    }

    public static TheoryData<PhiAccrualOptions, string> BadOptions => new()
    {
        { new PhiAccrualOptions { Threshold = 0 }, nameof(PhiAccrualOptions.Threshold) },
        { new PhiAccrualOptions { Threshold = double.NaN }, nameof(PhiAccrualOptions.Threshold) },
        { new PhiAccrualOptions { MaxSampleSize = 0 }, nameof(PhiAccrualOptions.MaxSampleSize) },
        { new PhiAccrualOptions { MinStdDeviation = TimeSpan.Zero }, nameof(PhiAccrualOptions.MinStdDeviation) },
        { new PhiAccrualOptions { AcceptableHeartbeatPause = TimeSpan.FromSeconds(-1) }, nameof(PhiAccrualOptions.AcceptableHeartbeatPause) },
        { new PhiAccrualOptions { FirstHeartbeatEstimate = TimeSpan.Zero }, nameof(PhiAccrualOptions.FirstHeartbeatEstimate) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validation_names_the_field(PhiAccrualOptions options, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => new PhiAccrualFailureDetector(options));

        Assert.Equal(field, error.ParamName);
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }
}
