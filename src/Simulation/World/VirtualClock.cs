namespace Cluster.Simulation.World;

/// <summary>
/// The world's clock: it moves only when the world runs the agenda forward. A <see cref="TimeProvider"/>, so code
/// that takes one (lease stores, deciders' callers) reads virtual time without knowing it is simulated.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>Where every simulated run starts: a fixed instant, so one seed gives the same timestamps on every run.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private long _ticks = Epoch.UtcTicks;

    public DateTimeOffset Now => new(_ticks, TimeSpan.Zero);

    public TimeSpan Elapsed => TimeSpan.FromTicks(_ticks - Epoch.UtcTicks);

    internal long Ticks => _ticks;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    // Timers belong to the world's agenda, not to the clock: a TimeProvider timer here would fire outside the run loop.
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("use a decider's keyed timers; the simulated world has no free-running timers");

    internal void MoveTo(long ticks)
    {
        if (ticks > _ticks)
        {
            _ticks = ticks;
        }
    }
}
