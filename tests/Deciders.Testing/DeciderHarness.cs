namespace Cluster.Deciders.Testing;

/// <summary>
/// Drives one decider as a runtime does, on a virtual clock only the test moves (<see cref="At(double)"/>): <see cref="Start"/>
/// once (after <see cref="DeciderRecovery.Recover"/> for a persistent decider), then one input at a time, nothing
/// after a stop. Every step is kept as a <see cref="DecidedStep"/>. An effect with a runner (<see cref="RunAtOnce"/>)
/// is run as soon as its step is decided and its answer decided next, from no one, before the test's next input: what
/// the Akka shell does with an effect that completes synchronously. Every other effect is only recorded, for the test
/// to answer (<see cref="Answer"/>) or not. Timers are recorded too, and fire only when the test says (<see cref="Fire"/>).
/// </summary>
public sealed class DeciderHarness<TDecider>
    where TDecider : IDecider
{
    private readonly List<DecidedStep> _steps = [];
    private readonly Dictionary<Type, Func<object, object?>> _runners = [];
    private readonly Dictionary<string, StartTimer> _timers = new(StringComparer.Ordinal);

    public DeciderHarness(TDecider decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        Decider = decider;
    }

    public TDecider Decider { get; }

    public DateTimeOffset Now { get; private set; } = TestClock.T0;

    public bool HasStarted { get; private set; }

    /// <summary>A step asked to stop: a runtime would deliver nothing more.</summary>
    public bool HasStopped { get; private set; }

    /// <summary>Every step decided so far, the start's first.</summary>
    public IReadOnlyList<DecidedStep> Steps => _steps;

    /// <summary>The timers started and neither cancelled, replaced nor fired (a periodic one stays), by key.</summary>
    public IReadOnlyDictionary<string, StartTimer> LiveTimers => _timers;

    /// <summary>Runs every effect of type <typeparamref name="TEffect"/> (or derived) with <paramref name="run"/>, whose result (null: none) is the decider's next input.</summary>
    public DeciderHarness<TDecider> RunAtOnce<TEffect>(Func<TEffect, object?> run)
        where TEffect : notnull
    {
        ArgumentNullException.ThrowIfNull(run);
        _runners[typeof(TEffect)] = effect => run((TEffect)effect);
        return this;
    }

    /// <summary>Moves the clock to <paramref name="seconds"/> after <see cref="TestClock.T0"/>; it never goes back.</summary>
    public DeciderHarness<TDecider> At(double seconds) => At(TestClock.At(seconds));

    /// <summary>Moves the clock to <paramref name="instant"/>; it never goes back.</summary>
    public DeciderHarness<TDecider> At(DateTimeOffset instant)
    {
        if (instant < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, $"The clock is at {Now:O} and only moves forward.");
        }

        Now = instant;
        return this;
    }

    public DecidedStep Start()
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The decider has already started; a runtime starts it once.");
        }

        HasStarted = true;
        return Settle(Decider.Start(Now));
    }

    /// <summary>Decides <paramref name="input"/> from <paramref name="from"/> now; returns what it led to, effects run at once included.</summary>
    public DecidedStep Send(object input, Peer from)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!HasStarted || HasStopped)
        {
            throw new InvalidOperationException(HasStopped
                ? $"The decider asked to stop; a runtime would not deliver {input}."
                : $"Start the decider before sending {input}; a runtime starts it before any input.");
        }

        return Settle(Decider.Decide(input, from, Now));
    }

    /// <summary>Decides an effect's answer, which comes from no one.</summary>
    public DecidedStep Answer(object answer) => Send(answer, Peer.None);

    /// <summary>Fires the live timer of <paramref name="key"/> now: its message is decided, from no one.</summary>
    public DecidedStep Fire(string key)
    {
        if (!_timers.TryGetValue(key, out var timer))
        {
            throw new InvalidOperationException($"No live timer '{key}'; live: [{string.Join(", ", _timers.Keys)}].");
        }

        if (!timer.Periodic)
        {
            _timers.Remove(key);
        }

        return Send(timer.Message, Peer.None);
    }

    private DecidedStep Settle(Step first)
    {
        var decided = new List<DecidedStep>();
        var answers = new Queue<object>();
        Perform(first, decided, answers);
        while (!HasStopped && answers.TryDequeue(out var answer))
        {
            Perform(Decider.Decide(answer, Peer.None, Now), decided, answers);
        }

        return DecidedStep.Combine(decided);
    }

    private void Perform(Step step, List<DecidedStep> decided, Queue<object> answers)
    {
        var copy = DecidedStep.Of(step);
        decided.Add(copy);
        _steps.Add(copy);
        foreach (var command in copy.Timers)
        {
            if (command is StartTimer start)
            {
                _timers[start.Key] = start;
            }
            else
            {
                _timers.Remove(command.Key);
            }
        }

        foreach (var effect in copy.Effects)
        {
            if (RunnerOf(effect) is { } run && run(effect) is { } answer)
            {
                answers.Enqueue(answer);
            }
        }

        HasStopped |= copy.Stopped;
    }

    private Func<object, object?>? RunnerOf(object effect)
    {
        for (var type = effect.GetType(); type is not null; type = type.BaseType)
        {
            if (_runners.TryGetValue(type, out var run))
            {
                return run;
            }
        }

        return null;
    }
}
