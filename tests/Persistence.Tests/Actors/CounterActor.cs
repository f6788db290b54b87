using Cluster.Actors;

namespace Cluster.Persistence.Tests.Actors;

public sealed record Added(int Amount);

/// <summary>
/// A persistent counter: "add" persists an event and answers "ok" once it is stored; "get" answers the
/// sum and the last sequence number; "snap" saves a snapshot of the sum.
/// </summary>
internal sealed class CounterActor(PersistenceServices persistence, string id, ActorRef? observer = null) : EventSourcedActor(persistence)
{
    private int _sum;

    public override string PersistenceId => id;

    public sealed record Add(int Amount);

    public sealed record Get;

    public sealed record Snap;

    public sealed record State(int Sum, long SequenceNr);

    protected override void OnRecover(object @event) => _sum += ((Added)@event).Amount;

    protected override void OnRecoverSnapshot(object snapshot) => _sum = (int)snapshot;

    protected override void OnRecoveryCompleted() => observer?.Tell("recovered");

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case Add add:
                var sender = Sender;
                Persist(new Added(add.Amount), e =>
                {
                    _sum += e.Amount;
                    sender.Tell("ok");
                });
                break;
            case Get:
                Sender.Tell(new State(_sum, LastSequenceNr));
                break;
            case Snap:
                SaveSnapshot(_sum);
                break;
            case SaveSnapshotSuccess success:
                observer?.Tell(success);
                break;
        }
    }
}
