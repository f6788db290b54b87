using Akka.Actor;
using Akka.Persistence;
using Cluster.Deciders;

namespace Cluster.Runtime.Deciders;

/// <summary>
/// Runs an <see cref="IPersistentDecider"/> inside a persistent actor (e.g. <c>class VrmActor :
/// ReceivePersistentActor, IWithTimers</c>), which wires <c>RecoverAny(shell.Recover)</c>,
/// <c>CommandAny(m =&gt; shell.Handle(m, Sender))</c> and overrides <c>OnPersistRejected</c> with
/// <see cref="Rejected"/>. One write is in flight at a time. Steps decided meanwhile wait, in order, and their events
/// all go into the next write, so one actor commits many steps per journal round trip (group commit). A step's
/// snapshot, messages, timers, effects and stop happen only once its events and every earlier step's are stored,
/// and a step without events waits behind the write in flight, so a reply never shows unstored state. When a write
/// fails, Akka stops the actor (OnPersistFailure) and no step of that write or later is performed. Its supervisor
/// starts it again, and it recovers what the journal holds.
/// </summary>
public sealed class PersistentDeciderShell
{
    private readonly IPersistentDecider _decider;
    private readonly StepPerformer _performer;
    private readonly JournalWrites _journal;
    private readonly Queue<object> _ready = new();
    private PendingWrite _next = new();
    private bool _writing;
    private bool _stopping;
    private bool _finishing;

    public PersistentDeciderShell(IPersistentDecider decider, StepPerformer performer, JournalWrites journal)
    {
        _decider = decider ?? throw new ArgumentNullException(nameof(decider));
        _performer = performer ?? throw new ArgumentNullException(nameof(performer));
        _journal = journal ?? throw new ArgumentNullException(nameof(journal));
    }

    public string PersistenceId => _decider.PersistenceId;

    /// <summary>Replays a snapshot offer or an event into the decider; recovery completed starts it.</summary>
    public void Recover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                _decider.RecoverSnapshot(offer.Snapshot);
                break;
            case RecoveryCompleted:
                Run(_decider.Start(_performer.Now));
                DecideReadyResults();
                break;
            default:
                _decider.Recover(message);
                break;
        }
    }

    public void Handle(object message, IActorRef? sender)
    {
        // Handing over: what is decided is finished, nothing new is (the next VRM decides it from the journal).
        if (_finishing)
        {
            return;
        }

        // Snapshots are an optimisation of recovery: the events are stored, so neither outcome changes the decider.
        if (message is SaveSnapshotSuccess or SaveSnapshotFailure)
        {
            return;
        }

        var (input, from) = DeciderInput.Of(message, sender);
        Run(_decider.Decide(input, from, _performer.Now));
        DecideReadyResults();
    }

    /// <summary>
    /// Ends the actor's tenure without losing what it decided (a singleton hand-over): every step already decided is
    /// stored and performed, later inputs and ready effect results are not decided, then the actor stops.
    /// </summary>
    public void StopWhenStored()
    {
        _finishing = true;
        _ready.Clear();
        StopIfFinished();
    }

    /// <summary>For <c>OnPersistRejected</c>: the decider already applied the event, so the actor restarts and recovers.</summary>
    public static void Rejected(Exception cause, object @event, long sequenceNr) =>
        throw new StepNotStoredException($"The journal rejected event {@event} at sequence number {sequenceNr}; restarting to recover the stored state.", cause);

    private void Run(Step step)
    {
        if (step.IsEmpty || _stopping)
        {
            return;
        }

        _next.Add(step.Events, StepOutputs.Of(step));
        if (!_writing)
        {
            WriteNext();
        }
    }

    /// <summary>Starts the write of every step waiting; steps without events and nothing to store are performed at once.</summary>
    private void WriteNext()
    {
        if (_next.IsEmpty)
        {
            return;
        }

        var write = _next;
        _next = new PendingWrite();
        if (write.Events.Count == 0)
        {
            PerformAll(write);
            return;
        }

        _writing = true;
        var remaining = write.Events.Count;
        _journal.PersistAll(write.Events, _ =>
        {
            if (--remaining == 0)
            {
                Stored(write);
            }
        });
    }

    private void Stored(PendingWrite write)
    {
        _writing = false;
        PerformAll(write);

        // The steps that waited go to the journal before any ready effect result is decided, so the journal keeps
        // decision order; a step that stopped the actor ends it, and what waited behind it is never performed.
        if (!_stopping)
        {
            WriteNext();
        }

        DecideReadyResults();
        StopIfFinished();
    }

    private void StopIfFinished()
    {
        if (_finishing && !_stopping && !_writing && _next.IsEmpty)
        {
            _stopping = true;
            _performer.Perform([], [], [], stop: true, _ready);
        }
    }

    private void PerformAll(PendingWrite write)
    {
        foreach (var outputs in write.Steps)
        {
            if (_stopping)
            {
                return;
            }

            if (outputs.Snapshot is { } snapshot)
            {
                _journal.SaveSnapshot(snapshot);
            }

            _performer.Perform(outputs.Messages, outputs.Timers, outputs.Effects, outputs.Stop, _ready);
            _stopping = outputs.Stop;
        }
    }

    private void DecideReadyResults()
    {
        if (_finishing)
        {
            _ready.Clear();
        }

        while (!_stopping && _ready.TryDequeue(out var result))
        {
            Run(_decider.Decide(result, Peer.None, _performer.Now));
        }

        if (_stopping)
        {
            _ready.Clear();
        }
    }
}
