
using Cluster.Controller.Planning.HaRestart;

namespace Cluster.Controller.Tests.Planning;

public sealed class RestartBackoffTests
{
    [Fact]
    public void The_default_schedule_is_five_tries_doubling_from_ten_seconds() =>
        Assert.Equal(
            [0, 10, 20, 40, 80],
            RestartBackoff.Default.Schedule.Select(d => d.TotalSeconds));

    [Fact]
    public void A_failure_before_the_last_attempt_schedules_the_next()
    {
        var decision = RestartBackoff.Default.AfterFailure(3);

        Assert.Equal(new RetryDecision(false, 4, TimeSpan.FromSeconds(40)), decision);
    }

    [Fact]
    public void The_fifth_failure_gives_up() => Assert.True(RestartBackoff.Default.AfterFailure(5).GiveUp);

    [Fact]
    public void The_schedule_is_configurable()
    {
        var backoff = new RestartBackoff(3, TimeSpan.FromSeconds(5), 3);

        Assert.Equal([0, 5, 15], backoff.Schedule.Select(d => d.TotalSeconds));
        Assert.True(backoff.AfterFailure(3).GiveUp);
    }

    [Fact]
    public void Nonsense_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff(0, TimeSpan.FromSeconds(1), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff(5, TimeSpan.FromSeconds(-1), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff(5, TimeSpan.FromSeconds(1), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RestartBackoff.Default.DelayBefore(0));
    }
}
