namespace Cluster.Deciders;

/// <summary>
/// What a decider wants done after one input, in order: persist <see cref="Events"/> (the decider has
/// already applied them to its state), then, only once they are stored, save the snapshot, send the
/// messages, apply the timer commands, run the effects, and stop if asked. A runtime that cannot store the
/// events must not do the rest: it restarts the decider from the journal instead.
/// </summary>
public sealed class Step
{
    // Made on first use: most steps fill one list or none (a lease renewal answer, a fence check), and a simulated run
    // decides tens of thousands of steps per seed.
    private List<object>? _events;
    private List<Outbound>? _messages;
    private List<TimerCommand>? _timers;
    private List<object>? _effects;

    public IReadOnlyList<object> Events => (IReadOnlyList<object>?)_events ?? [];

    public IReadOnlyList<Outbound> Messages => (IReadOnlyList<Outbound>?)_messages ?? [];

    public IReadOnlyList<TimerCommand> Timers => (IReadOnlyList<TimerCommand>?)_timers ?? [];

    /// <summary>Work outside the decider (storage I/O, a hypervisor call); each result comes back as an input.</summary>
    public IReadOnlyList<object> Effects => (IReadOnlyList<object>?)_effects ?? [];

    /// <summary>A state to save as a snapshot at the sequence number of the last event of this step.</summary>
    public object? Snapshot { get; private set; }

    /// <summary>The decider is finished (deposed, removed): the runtime stops it after doing the rest.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>
    /// An input the decider has no use for (a stray or malformed message); the runtime reports it as it reports
    /// any unhandled message. It does nothing else: such a step is otherwise empty.
    /// </summary>
    public object? Unhandled { get; private set; }

    public bool IsEmpty => Events.Count == 0 && Messages.Count == 0 && Timers.Count == 0 && Effects.Count == 0 && Snapshot is null && !StopRequested;

    public void Persist(object @event) => (_events ??= []).Add(@event);

    public void Send(Peer to, object message)
    {
        if (!to.IsNone)
        {
            (_messages ??= []).Add(new Outbound(to, message));
        }
    }

    public void StartSingleTimer(string key, object message, TimeSpan delay) => (_timers ??= []).Add(new StartTimer(key, message, delay, Periodic: false));

    public void StartPeriodicTimer(string key, object message, TimeSpan interval) => (_timers ??= []).Add(new StartTimer(key, message, interval, Periodic: true));

    public void CancelTimer(string key) => (_timers ??= []).Add(new CancelTimer(key));

    /// <summary>Adds a timer command as it is, for a runtime that re-routes another step's outputs.</summary>
    public void Schedule(TimerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        (_timers ??= []).Add(command);
    }

    public void Run(object effect) => (_effects ??= []).Add(effect);

    public void SaveSnapshot(object state) => Snapshot = state;

    public void Stop() => StopRequested = true;

    public void ReportUnhandled(object input) => Unhandled = input;

    /// <summary>Empties the step so a runtime can reuse it for the next input (the heartbeat path allocates nothing).</summary>
    public void Clear()
    {
        _events?.Clear();
        _messages?.Clear();
        _timers?.Clear();
        _effects?.Clear();
        Snapshot = null;
        StopRequested = false;
        Unhandled = null;
    }
}
