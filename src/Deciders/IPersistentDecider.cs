namespace Cluster.Deciders;

/// <summary>
/// A decider whose state is its journal: the runtime replays the latest snapshot and the events after it,
/// then calls <see cref="IDecider.Start"/> (recovery completed) before the first input.
/// </summary>
public interface IPersistentDecider : IDecider
{
    string PersistenceId { get; }

    void RecoverSnapshot(object snapshot);

    void Recover(object @event);
}
