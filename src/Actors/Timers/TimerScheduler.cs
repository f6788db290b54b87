namespace Cluster.Actors;

/// <summary>
/// The per-actor timer table. Each start gets a fresh generation; a timer message whose generation
/// is no longer the key's current one is dropped on arrival, which is how a replaced or cancelled
/// timer's message is guaranteed never to reach the actor.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private long _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "a periodic timer's interval must be positive");
        }

        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Timer.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>True if the timer message is still current; a single timer is forgotten once it is accepted.</summary>
    internal bool Accept(TimerMessage message)
    {
        if (!_timers.TryGetValue(message.Key, out var entry) || entry.Generation != message.Generation)
        {
            return false;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(message.Key);
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var self = cell.SelfRef;
        var timerMessage = new TimerMessage(key, generation, message);
        ITimer? timer = null;
        timer = cell.System.Time.CreateTimer(
            _ =>
            {
                // A crashed node runs no code, so its periodic timers end here instead of ticking forever.
                if (self.Cell.System.IsCrashed)
                {
                    timer?.Dispose();
                    return;
                }

                self.Tell(timerMessage, self);
            },
            null,
            delay < TimeSpan.Zero ? TimeSpan.Zero : delay,
            period);
        _timers[key] = new Entry(generation, timer, period != Timeout.InfiniteTimeSpan);
    }

    internal sealed record TimerMessage(object Key, long Generation, object Message);

    private sealed record Entry(long Generation, ITimer Timer, bool Periodic);
}
