using Akka.Actor;
using Akka.Persistence;
using Cluster.Deciders;

namespace Cluster.Runtime.Deciders;

/// <summary>
/// Runs an <see cref="IPersistentDecider"/> inside a persistent actor (e.g. <c>class VrmActor :
/// ReceivePersistentActor, IWithTimers</c>), which wires <c>RecoverAny(shell.Recover)</c>,
/// <c>CommandAny(m =&gt; shell.Handle(m, Sender))</c> and overrides <c>OnPersistRejected</c> with
/// <see cref="Rejected"/>. A step's events are persisted as one atomic write; its snapshot, messages, timers, effects
/// and stop happen only in that write's handler, so nothing of a step is seen before its events are stored. A step
/// without events waits (DeferAsync) behind every step still being written, so a reply never shows state that is not
/// yet stored. When a write fails Akka stops the actor (OnPersistFailure) and the in-flight steps are never performed;
/// its supervisor starts it again and it recovers what the journal holds.
/// </summary>
public sealed class PersistentDeciderShell
{
    private readonly IPersistentDecider _decider;
    private readonly StepPerformer _performer;
    private readonly JournalWrites _journal;
    private readonly Queue<object> _ready = new();

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
                break;
            default:
                _decider.Recover(message);
                break;
        }
    }

    public void Handle(object message, IActorRef? sender)
    {
        // Snapshots are an optimisation of recovery: the events are stored, so neither outcome changes the decider.
        if (message is SaveSnapshotSuccess or SaveSnapshotFailure)
        {
            return;
        }

        var (input, from) = DeciderInput.Of(message, sender);
        Run(_decider.Decide(input, from, _performer.Now));
    }

    /// <summary>For <c>OnPersistRejected</c>: the decider already applied the event, so the actor restarts and recovers.</summary>
    public static void Rejected(Exception cause, object @event, long sequenceNr) =>
        throw new StepNotStoredException($"The journal rejected event {@event} at sequence number {sequenceNr}; restarting to recover the stored state.", cause);

    private void Run(Step step)
    {
        if (step.IsEmpty)
        {
            return;
        }

        var outputs = StepOutputs.Of(step);
        if (step.Events.Count == 0)
        {
            _journal.Defer(outputs, _ => Perform(outputs));
            return;
        }

        var remaining = step.Events.Count;
        _journal.PersistAll([.. step.Events], _ =>
        {
            if (--remaining == 0)
            {
                Perform(outputs);
            }
        });
    }

    private void Perform(StepOutputs outputs)
    {
        if (outputs.Snapshot is { } snapshot)
        {
            _journal.SaveSnapshot(snapshot);
        }

        _performer.Perform(outputs.Messages, outputs.Timers, outputs.Effects, outputs.Stop, _ready);
        if (outputs.Stop)
        {
            _ready.Clear();
            return;
        }

        while (_ready.TryDequeue(out var result))
        {
            Run(_decider.Decide(result, Peer.None, _performer.Now));
        }
    }
}
