using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// One input being decided: who sent it, when, and the step it fills. Components record events here; the
/// coordinator applies them in order once the handler that recorded them returns, then runs what each one's
/// recorder asked to run after it (which may record more). That order is the one the events had when they were
/// persist callbacks, so the same inputs give the same events in the same order. The VRM reuses one decision for
/// every input: the heartbeat path allocates nothing here.
/// </summary>
public sealed class Decision
{
    private readonly Queue<(IWireMessage Event, Action<IWireMessage>? After)> _unapplied = new();
    private readonly List<Action> _whenDone = [];

    public Step Step { get; } = new();

    /// <summary>Who sent the input: a host's peer, an operator's, or <see cref="Peer.None"/> for timers and effects.</summary>
    public Peer From { get; private set; } = Peer.None;

    public DateTimeOffset Now { get; private set; }

    public void Begin(Peer from, DateTimeOffset now)
    {
        Step.Clear();
        From = from;
        Now = now;
    }

    /// <summary>Ends the input: a later use of <see cref="From"/> outside a decision names nobody.</summary>
    public void End() => From = Peer.None;

    /// <summary>Answers whoever sent the input.</summary>
    public void Reply(object message) => Step.Send(From, message);

    /// <summary>Records an event; it is applied, then <paramref name="after"/> runs, before the step is returned.</summary>
    public void Record<TEvent>(TEvent @event, Action<TEvent>? after = null)
        where TEvent : IWireMessage =>
        _unapplied.Enqueue((@event, after is null ? null : e => after((TEvent)e)));

    /// <summary>Records events in order and runs <paramref name="after"/> once the last is applied (at once if none).</summary>
    public void RecordAll(IReadOnlyList<IWireMessage> events, Action after)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(after);
        if (events.Count == 0)
        {
            after();
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            Record(events[i], i == events.Count - 1 ? _ => after() : null);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the step has decided everything (every event recorded, applied, and what runs
    /// after each run): an answer that should show all the step did. It must record nothing.
    /// </summary>
    public void WhenDone(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _whenDone.Add(action);
    }

    /// <summary>The actions <see cref="WhenDone"/> asked for, in order, taken once.</summary>
    public IReadOnlyList<Action> TakeWhenDone()
    {
        if (_whenDone.Count == 0)
        {
            return [];
        }

        var actions = _whenDone.ToList();
        _whenDone.Clear();
        return actions;
    }

    /// <summary>The next recorded event not yet applied, with what runs after it.</summary>
    public bool TryTakeUnapplied(out IWireMessage @event, out Action<IWireMessage>? after)
    {
        if (_unapplied.TryDequeue(out var next))
        {
            (@event, after) = next;
            return true;
        }

        (@event, after) = (null!, null);
        return false;
    }
}
