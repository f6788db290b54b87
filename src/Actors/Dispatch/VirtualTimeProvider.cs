namespace Cluster.Actors;

/// <summary>
/// A clock that moves only when told to. Timers created on it fire, in due-time order (ties in
/// creation order), when the deterministic dispatcher advances time past them.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    /// <summary>Every simulation starts at the same instant, so traces do not depend on when they ran.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<VirtualTimer, (long DueTicks, long Sequence)> _queue = new();
    private readonly object _gate = new();
    private DateTimeOffset _now = Epoch;
    private long _sequence;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public TimeSpan Elapsed => GetUtcNow() - Epoch;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The next instant a live timer is due, if any.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                DropCancelledHead();
                return _queue.TryPeek(out _, out var key) ? new DateTimeOffset(key.DueTicks, TimeSpan.Zero) : null;
            }
        }
    }

    /// <summary>Fires the earliest timer due at or before <paramref name="limit"/>, moving the clock to its due time.</summary>
    internal bool FireNext(DateTimeOffset limit)
    {
        VirtualTimer timer;
        lock (_gate)
        {
            DropCancelledHead();
            if (!_queue.TryPeek(out timer!, out var key) || key.DueTicks > limit.UtcTicks)
            {
                return false;
            }

            _queue.Dequeue();
            if (key.DueTicks > _now.UtcTicks)
            {
                _now = new DateTimeOffset(key.DueTicks, TimeSpan.Zero);
            }

            timer.Scheduled = false;
            if (timer.Period > TimeSpan.Zero)
            {
                EnqueueLocked(timer, _now + timer.Period);
            }
        }

        timer.Fire();
        return true;
    }

    /// <summary>Moves the clock forward without firing anything; timers already due stay due.</summary>
    internal void MoveTo(DateTimeOffset instant)
    {
        lock (_gate)
        {
            if (instant > _now)
            {
                _now = instant;
            }
        }
    }

    internal void Reschedule(VirtualTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            timer.Version++;
            timer.Scheduled = false;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                EnqueueLocked(timer, _now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime));
            }
        }
    }

    private void EnqueueLocked(VirtualTimer timer, DateTimeOffset due)
    {
        timer.Scheduled = true;
        timer.QueuedVersion = timer.Version;
        _queue.Enqueue(timer, (due.UtcTicks, _sequence++));
    }

    private void DropCancelledHead()
    {
        while (_queue.TryPeek(out var head, out _) && (!head.Scheduled || head.QueuedVersion != head.Version))
        {
            _queue.Dequeue();
        }
    }
}
