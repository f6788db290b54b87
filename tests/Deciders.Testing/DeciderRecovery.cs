namespace Cluster.Deciders.Testing;

/// <summary>Recovery of a persistent decider in a <see cref="DeciderHarness{TDecider}"/>, as the runtime replays its journal before the start.</summary>
public static class DeciderRecovery
{
    /// <summary>Replays <paramref name="snapshot"/> (if any), then <paramref name="events"/> in order; only before the start.</summary>
    public static DeciderHarness<TDecider> Recover<TDecider>(this DeciderHarness<TDecider> harness, object? snapshot, params IEnumerable<object> events)
        where TDecider : IPersistentDecider
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(events);
        if (harness.HasStarted)
        {
            throw new InvalidOperationException("Recovery comes before the start.");
        }

        if (snapshot is not null)
        {
            harness.Decider.RecoverSnapshot(snapshot);
        }

        foreach (var @event in events)
        {
            harness.Decider.Recover(@event);
        }

        return harness;
    }
}
