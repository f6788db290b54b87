using Cluster.Deciders;

namespace Cluster.Simulation.Tests.World;

/// <summary>
/// A toy persistent decider: a running total kept as Added events, a snapshot every <paramref name="snapshotEvery"/>
/// events, and the sender told the new total. It records what recovery gave it, so tests can see where state came from.
/// </summary>
public sealed class CounterDecider(string persistenceId, int snapshotEvery = 0, long epoch = 0) : IPersistentDecider
{
    private readonly Step _step = new();
    private int _events;

    public string PersistenceId { get; } = persistenceId;

    public int Value { get; private set; }

    public int? RecoveredSnapshot { get; private set; }

    public int ReplayedEvents { get; private set; }

    public bool Started { get; private set; }

    public void RecoverSnapshot(object snapshot)
    {
        Value = (int)snapshot;
        RecoveredSnapshot = Value;
    }

    public void Recover(object @event)
    {
        Value += ((Added)@event).Amount;
        ReplayedEvents++;
    }

    public Step Start(DateTimeOffset now)
    {
        Started = true;
        _step.Clear();
        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step.Clear();
        switch (input)
        {
            case Add add:
                Value += add.Amount;
                _step.Persist(new Added(add.Amount));
                if (snapshotEvery > 0 && ++_events % snapshotEvery == 0)
                {
                    _step.SaveSnapshot(Value);
                }

                _step.Send(from, new Total(Value, epoch));
                _step.StartSingleTimer("after-add", new GetTotal(), TimeSpan.FromSeconds(1));
                _step.Run(new ReadDisk("after-add"));
                break;
            case GetTotal:
                _step.Send(from, new Total(Value, epoch));
                break;
        }

        return _step;
    }
}
