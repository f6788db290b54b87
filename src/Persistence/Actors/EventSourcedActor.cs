using Cluster.Actors;
using Microsoft.Extensions.Logging;

namespace Cluster.Persistence;

/// <summary>
/// An actor whose state is the fold of its events. On start it recovers (latest snapshot, then the
/// events after it) before it sees any command; commands that arrive meanwhile are stashed. A command
/// handler calls <see cref="Persist{TEvent}"/>; the events of one command are written together, commands
/// are stashed until the write is confirmed, then each event's handler runs in order. Nothing is
/// acknowledged before it is stored: if a write fails the actor is told and stops (as in Akka).
/// </summary>
public abstract class EventSourcedActor : ActorBase
{
    private readonly PersistenceServices _persistence;
    private readonly List<(object Event, Action<object> Handler)> _pendingInCommand = [];
    private readonly Queue<(object Event, Action<object> Handler)> _awaitingWrite = new();
    private bool _recovering = true;
    private bool _writing;

    protected EventSourcedActor(PersistenceServices persistence)
    {
        _persistence = persistence;
    }

    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event recovered or persisted.</summary>
    protected long LastSequenceNr { get; private set; }

    protected bool IsRecovering => _recovering;

    /// <summary>Applies one event to the state, during recovery (and typically from the persist handler too).</summary>
    protected abstract void OnRecover(object @event);

    /// <summary>Restores the state from a snapshot taken by <see cref="SaveSnapshot"/>.</summary>
    protected virtual void OnRecoverSnapshot(object snapshot)
    {
    }

    protected virtual void OnRecoveryCompleted()
    {
    }

    protected abstract void OnCommand(object message);

    /// <summary>A write failed: nothing of it is acknowledged. Default: log and stop, so stale state is never served.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event)
    {
        Log.LogError(cause, "{PersistenceId}: could not persist {Event}; stopping", PersistenceId, @event.GetType().Name);
        Context.Stop(Self);
    }

    protected virtual void OnRecoveryFailure(Exception cause)
    {
        Log.LogError(cause, "{PersistenceId}: recovery failed; stopping", PersistenceId);
        Context.Stop(Self);
    }

    /// <summary>Queues an event; it is stored when the current command returns, and then <paramref name="handler"/> runs.</summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull =>
        _pendingInCommand.Add((@event, e => handler((TEvent)e)));

    protected void SaveSnapshot(object state)
    {
        var (manifest, payload) = _persistence.Serializer.Serialize(state);
        var snapshot = new Snapshot(PersistenceId, LastSequenceNr, Context.Time.GetUtcNow(), manifest, payload);
        var sequenceNr = LastSequenceNr;
        _persistence.Snapshots.SaveAsync(snapshot).PipeTo(Self, () => new SaveSnapshotSuccess(sequenceNr), cause => new SaveSnapshotFailure(sequenceNr, cause));
    }

    protected override void PreStart() => _persistence.RecoveryPermits.Request(Self);

    protected sealed override void OnReceive(object message)
    {
        switch (message)
        {
            case RecoveryPermitGranted:
                LoadAsync().PipeTo(Self, loaded => loaded, cause => new RecoveryFailed(cause));
                return;
            case RecoveryLoaded loaded:
                FinishRecovery(loaded);
                return;
            case RecoveryFailed failed:
                _persistence.RecoveryPermits.Release();
                OnRecoveryFailure(failed.Cause);
                return;
            case WriteSucceeded succeeded:
                CompleteWrite(succeeded.HighestSequenceNr);
                return;
            case WriteFailed failed:
                FailWrite(failed);
                return;
        }

        if (_recovering || _writing)
        {
            Context.Stash();
            return;
        }

        OnCommand(message);
        FlushPendingEvents();
    }

    // Events are deserialized as they are read, off the actor's thread when the journal is asynchronous, and
    // each row is dropped at once: recovery of a long journal never holds every row and every event together.
    private async Task<RecoveryLoaded> LoadAsync()
    {
        var serializer = _persistence.Serializer;
        var snapshot = await _persistence.Snapshots.LoadLatestAsync(PersistenceId).ConfigureAwait(false);
        var state = snapshot is null ? null : serializer.Deserialize(snapshot.Manifest, snapshot.Payload);
        var events = new List<(long, object)>();
        var from = (snapshot?.SequenceNr ?? 0) + 1;
        await foreach (var stored in _persistence.Journal.ReplayAsync(PersistenceId, from, long.MaxValue, long.MaxValue).ConfigureAwait(false))
        {
            events.Add((stored.SequenceNr, serializer.Deserialize(stored.Manifest, stored.Payload)));
        }

        return new RecoveryLoaded(snapshot, state, events);
    }

    private void FinishRecovery(RecoveryLoaded loaded)
    {
        _persistence.RecoveryPermits.Release();
        try
        {
            if (loaded.Snapshot is { } snapshot)
            {
                OnRecoverSnapshot(loaded.SnapshotState!);
                LastSequenceNr = snapshot.SequenceNr;
            }

            foreach (var (sequenceNr, @event) in loaded.Events)
            {
                OnRecover(@event);
                LastSequenceNr = sequenceNr;
            }
        }
        catch (Exception cause)
        {
            OnRecoveryFailure(cause);
            return;
        }

        _recovering = false;
        OnRecoveryCompleted();
        FlushPendingEvents();
        if (!_writing)
        {
            Context.UnstashAll();
        }
    }

    private void FlushPendingEvents()
    {
        if (_pendingInCommand.Count == 0)
        {
            return;
        }

        var events = new List<JournalEvent>(_pendingInCommand.Count);
        var sequenceNr = LastSequenceNr;
        foreach (var pending in _pendingInCommand)
        {
            var (manifest, payload) = _persistence.Serializer.Serialize(pending.Event);
            events.Add(new JournalEvent(++sequenceNr, manifest, payload, null));
            _awaitingWrite.Enqueue(pending);
        }

        _pendingInCommand.Clear();
        _writing = true;
        var highest = sequenceNr;
        _persistence.WriteAsync(new AtomicWrite(PersistenceId, events, _persistence.WriterId)).PipeTo(
            Self,
            () => new WriteSucceeded(highest),
            cause => new WriteFailed(cause, highest));
    }

    private void CompleteWrite(long highest)
    {
        while (_awaitingWrite.TryDequeue(out var confirmed))
        {
            LastSequenceNr++;
            confirmed.Handler(confirmed.Event);
        }

        LastSequenceNr = highest;
        _writing = false;

        // A persist handler may itself persist; those events go out before any stashed command runs.
        FlushPendingEvents();
        if (!_writing)
        {
            Context.UnstashAll();
        }
    }

    private void FailWrite(WriteFailed failed)
    {
        var first = _awaitingWrite.Count > 0 ? _awaitingWrite.Peek().Event : (object)"events";
        _awaitingWrite.Clear();
        _writing = false;
        OnPersistFailure(failed.Cause, first);
    }
}
