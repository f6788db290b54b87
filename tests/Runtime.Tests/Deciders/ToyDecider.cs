using Cluster.Deciders;

namespace Cluster.Runtime.Tests.Deciders;

/// <summary>A decider small enough to read in one go, exercising every part of a step.</summary>
public sealed class ToyDecider(string persistenceId) : IPersistentDecider
{
    private readonly Step _step = new();
    private readonly List<string> _items = [];
    private Peer _timerListener = Peer.None;
    private Peer _asker = Peer.None;
    private bool _fromSnapshot;
    private int _replayed;
    private int _pingsFromNoOne;

    public string PersistenceId { get; } = persistenceId;

    public void RecoverSnapshot(object snapshot)
    {
        _items.Clear();
        _items.AddRange((string[])snapshot);
        _fromSnapshot = true;
        _replayed = 0;
    }

    public void Recover(object @event)
    {
        Apply((ItemAdded)@event);
        _replayed++;
    }

    public Step Start(DateTimeOffset now)
    {
        _step.Clear();
        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step.Clear();
        switch (input)
        {
            case Add add:
                foreach (var item in add.Items)
                {
                    Persist(new ItemAdded(item));
                }

                _step.Send(from, new Added(_items.Count));
                break;
            case GetState:
                _step.Send(from, new ToyState([.. _items], _fromSnapshot, _replayed, _pingsFromNoOne));
                break;
            case Ping when from.IsNone:
                _pingsFromNoOne++;
                break;
            case Arm arm:
                _timerListener = from;
                if (arm.Periodic)
                {
                    _step.StartPeriodicTimer(arm.Key, new Tick(arm.Tag), arm.Delay);
                }
                else
                {
                    _step.StartSingleTimer(arm.Key, new Tick(arm.Tag), arm.Delay);
                }

                _step.Send(from, new Armed(arm.Key));
                break;
            case Disarm disarm:
                _step.CancelTimer(disarm.Key);
                _step.Send(from, new Disarmed(disarm.Key));
                break;
            case Tick tick:
                _step.Send(_timerListener, new Fired(tick.Tag, now, from.IsNone));
                break;
            case Look look:
                _asker = from;
                _step.Run(new Lookup(look.Key, look.Synchronous));
                break;
            case LookedUp result:
                Persist(new ItemAdded(result.Value));
                _step.Send(_asker, new Found(result.Key, result.Value, from.IsNone));
                break;
            case Snap:
                _step.SaveSnapshot(_items.ToArray());
                _step.Send(from, new Snapped());
                break;
            case Quit:
                _step.Send(from, new Bye());
                _step.Stop();
                break;
        }

        return _step;
    }

    private void Persist(ItemAdded added)
    {
        Apply(added);
        _step.Persist(added);
    }

    private void Apply(ItemAdded added) => _items.Add(added.Item);
}
