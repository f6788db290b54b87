namespace Cluster.Actors;

/// <summary>A timer on the virtual clock. Changing or disposing it invalidates its queued entry by version.</summary>
internal sealed class VirtualTimer(VirtualTimeProvider clock, TimerCallback callback, object? state) : ITimer
{
    internal long Version;
    internal long QueuedVersion = -1;
    internal bool Scheduled;

    internal TimeSpan Period { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
        clock.Reschedule(this, dueTime);
        return true;
    }

    internal void Fire() => callback(state);

    public void Dispose() => clock.Reschedule(this, Timeout.InfiniteTimeSpan);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
