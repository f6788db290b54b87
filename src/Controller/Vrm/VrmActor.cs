using Cluster.Actors;
using Cluster.Deciders;
using Cluster.Persistence;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Vrm;

/// <summary>
/// The VRM on the actor kernel: a thin shell over <see cref="VrmDecider"/>, which makes every decision. It
/// replays the journal into the decider, hands it each message with its sender and the time, persists the
/// step's events and, once the last is stored, performs the rest (snapshot, sends, timers, lease reads, stop).
/// </summary>
public sealed class VrmActor : EventSourcedActor
{
    public const string PersistenceIdValue = "vrm";

    private readonly VrmDecider _decider;
    private readonly StorageLeaseReader _leaseReader;

    public VrmActor(PersistenceServices persistence, VrmSettings settings, long epoch, string holder, IStorageLeaseStore? storageLeases = null)
        : base(persistence)
    {
        _decider = new VrmDecider(settings, epoch, holder, Log);
        _leaseReader = new StorageLeaseReader(storageLeases);
    }

    public override string PersistenceId => PersistenceIdValue;

    public long Epoch => _decider.Epoch;

    public string Holder => _decider.Holder;

    public static Props Props(PersistenceServices persistence, VrmSettings settings, long epoch, string holder, IStorageLeaseStore? storageLeases = null) =>
        Actors.Props.Create(() => new VrmActor(persistence, settings, epoch, holder, storageLeases));

    protected override void OnRecoverSnapshot(object snapshot) => _decider.RecoverSnapshot(snapshot);

    protected override void OnRecover(object @event) => _decider.Recover(@event);

    protected override void OnRecoveryCompleted() => Run(_decider.Start(Context.Time.GetUtcNow()));

    protected override void OnCommand(object message)
    {
        if (message is SaveSnapshotSuccess or SaveSnapshotFailure)
        {
            return;
        }

        Run(_decider.Decide(message, new Peer(Sender), Context.Time.GetUtcNow()));
    }

    private void Run(Step step)
    {
        if (step.Unhandled is { } unhandled)
        {
            Unhandled(unhandled);
        }

        if (step.Events.Count == 0)
        {
            // Nothing to store (a steady heartbeat, a query): performed at once, from the step itself.
            Perform(step.Snapshot, step.Messages, step.Timers, step.Effects, step.StopRequested);
            return;
        }

        // The decider reuses its step for the next input: what is performed after the write is copied now.
        var snapshot = step.Snapshot;
        Outbound[] messages = [.. step.Messages];
        TimerCommand[] timers = [.. step.Timers];
        object[] effects = [.. step.Effects];
        var stop = step.StopRequested;
        var last = step.Events.Count - 1;
        for (var i = 0; i < step.Events.Count; i++)
        {
            Persist(step.Events[i], i == last ? _ => Perform(snapshot, messages, timers, effects, stop) : static _ => { });
        }
    }

    private void Perform(object? snapshot, IReadOnlyList<Outbound> messages, IReadOnlyList<TimerCommand> timers, IReadOnlyList<object> effects, bool stop)
    {
        if (snapshot is not null)
        {
            SaveSnapshot(snapshot);
        }

        for (var i = 0; i < messages.Count; i++)
        {
            ((ActorRef)messages[i].To.Ref!).Tell(messages[i].Message, Self);
        }

        for (var i = 0; i < timers.Count; i++)
        {
            switch (timers[i])
            {
                case StartTimer { Periodic: true } periodic:
                    Timers.StartPeriodicTimer(periodic.Key, periodic.Message, periodic.Delay);
                    break;
                case StartTimer single:
                    Timers.StartSingleTimer(single.Key, single.Message, single.Delay);
                    break;
                case CancelTimer cancel:
                    Timers.Cancel(cancel.Key);
                    break;
            }
        }

        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i] is ReadStorageLeases read)
            {
                _leaseReader.RunAsync(read).PipeTo(Self, result => result, error => new Status.Failure(error));
            }
        }

        if (stop)
        {
            Context.Stop(Self);
        }
    }
}
