using Cluster.Controller.FailureDetection;

namespace Cluster.Controller.Tests.FailureDetection;

public sealed class MissedHeartbeatsDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Defaults_are_10_missed_heartbeats_of_3_s()
    {
        var options = new MissedHeartbeatsOptions();

        Assert.Equal(TimeSpan.FromSeconds(3), options.Interval);
        Assert.Equal(10, options.MaxMissed);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
    }

    [Fact]
    public void Faulty_exactly_30_s_after_the_last_heartbeat_not_at_29_9_s()
    {
        var detector = new MissedHeartbeatsDetector();
        detector.Heartbeat(T0);

        Assert.True(detector.IsAvailable(At(29.9)));
        Assert.False(detector.IsAvailable(At(30)));
        Assert.False(detector.IsAvailable(At(300)));
    }

    [Fact]
    public void Each_heartbeat_restarts_the_count_and_an_older_one_is_ignored()
    {
        var detector = new MissedHeartbeatsDetector();
        detector.Heartbeat(T0);
        detector.Heartbeat(At(20));
        detector.Heartbeat(At(10));

        Assert.True(detector.IsAvailable(At(49.9)));
        Assert.False(detector.IsAvailable(At(50)));
    }

    [Fact]
    public void Regular_heartbeats_never_trip_and_a_host_never_heard_from_is_not_suspected()
    {
        var detector = new MissedHeartbeatsDetector();
        Assert.True(detector.IsAvailable(At(1000)));

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(detector.IsAvailable(At(i * 3)));
            detector.Heartbeat(At(i * 3));
        }
    }

    [Fact]
    public void Interval_and_count_are_configurable()
    {
        var detector = new MissedHeartbeatsDetector(new MissedHeartbeatsOptions { Interval = TimeSpan.FromSeconds(1), MaxMissed = 5 });
        detector.Heartbeat(T0);

        Assert.True(detector.IsAvailable(At(4.9)));
        Assert.False(detector.IsAvailable(At(5)));
    }

    [Theory]
    [InlineData(0, 10, nameof(MissedHeartbeatsOptions.Interval))]
    [InlineData(-3, 10, nameof(MissedHeartbeatsOptions.Interval))]
    [InlineData(3, 0, nameof(MissedHeartbeatsOptions.MaxMissed))]
    public void Validation_names_the_field(int intervalSeconds, int maxMissed, string field)
    {
        var options = new MissedHeartbeatsOptions { Interval = TimeSpan.FromSeconds(intervalSeconds), MaxMissed = maxMissed };

        Assert.Equal(field, Assert.Throws<ArgumentException>(() => new MissedHeartbeatsDetector(options)).ParamName);
    }

    [Fact]
    public void The_configuration_chooses_the_detector()
    {
        Assert.IsType<MissedHeartbeatsDetector>(new FailureDetectorOptions().Create());
        Assert.IsType<PhiAccrualFailureDetector>(new FailureDetectorOptions { Kind = FailureDetectorKind.PhiAccrual }.Create());
    }
}
