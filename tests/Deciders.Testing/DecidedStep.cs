namespace Cluster.Deciders.Testing;

/// <summary>
/// A copy of what a decider decided: a decider may reuse its <see cref="Step"/> for the next input, so a test keeps this
/// instead. The finders that expect exactly one match throw, naming what there was, when there is not exactly one.
/// </summary>
public sealed record DecidedStep(
    IReadOnlyList<object> Events,
    IReadOnlyList<Outbound> Messages,
    IReadOnlyList<TimerCommand> Timers,
    IReadOnlyList<object> Effects,
    object? Snapshot,
    bool Stopped,
    object? Unhandled)
{
    public bool IsEmpty => Events.Count == 0 && Messages.Count == 0 && Timers.Count == 0 && Effects.Count == 0 && Snapshot is null && !Stopped;

    public static DecidedStep Of(Step step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new([.. step.Events], [.. step.Messages], [.. step.Timers], [.. step.Effects], step.Snapshot, step.StopRequested, step.Unhandled);
    }

    /// <summary>
    /// What several steps decided one after the other did together (an input and the answers of the effects run at
    /// once): their outputs in order, the last snapshot, a stop if any asked, and the first input left unhandled.
    /// </summary>
    public static DecidedStep Combine(IReadOnlyList<DecidedStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 1)
        {
            return steps[0];
        }

        return new(
            [.. steps.SelectMany(s => s.Events)],
            [.. steps.SelectMany(s => s.Messages)],
            [.. steps.SelectMany(s => s.Timers)],
            [.. steps.SelectMany(s => s.Effects)],
            steps.LastOrDefault(s => s.Snapshot is not null)?.Snapshot,
            steps.Any(s => s.Stopped),
            steps.FirstOrDefault(s => s.Unhandled is not null)?.Unhandled);
    }

    public IEnumerable<T> EventsOf<T>() => Events.OfType<T>();

    public IEnumerable<T> SentTo<T>(Peer peer) => Messages.Where(m => m.To == peer).Select(m => m.Message).OfType<T>();

    /// <summary>The one <typeparamref name="T"/> sent to <paramref name="peer"/>.</summary>
    public T ReplyTo<T>(Peer peer) => One(SentTo<T>(peer), $"{typeof(T).Name} sent to {peer}", Messages);

    public IEnumerable<T> EffectsOf<T>() => Effects.OfType<T>();

    /// <summary>The one effect of type <typeparamref name="T"/>.</summary>
    public T Effect<T>() => One(EffectsOf<T>(), $"{typeof(T).Name} effect", Effects);

    private static T One<T, TAll>(IEnumerable<T> matches, string what, IReadOnlyList<TAll> all)
    {
        var found = matches.Take(2).ToList();
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"Expected one {what}, found {(found.Count == 0 ? "none" : "several")} among [{string.Join(", ", all)}].");
    }
}
