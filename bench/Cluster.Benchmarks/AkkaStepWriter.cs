using Akka.Actor;
using Akka.Persistence;
using Cluster.Messages;

namespace Cluster.Benchmarks;

/// <summary>
/// One persistent actor standing in for the VRM's journal use: each command is a step whose events go to the journal
/// as one PersistAll (one atomic write), acknowledged after the last is persisted. With <c>groupSteps</c> it uses
/// PersistAllAsync instead, so steps arriving while a write is in flight are sent to the journal together.
/// </summary>
public sealed class AkkaStepWriter : ReceivePersistentActor
{
    public AkkaStepWriter(string persistenceId, bool groupSteps)
    {
        PersistenceId = persistenceId;
        Recover<VmPowerStateChanged>(_ => { });
        Command<Step>(step =>
        {
            var events = Enumerable.Range(0, step.Events)
                .Select(i => new VmPowerStateChanged(new VmId($"vm-{i}"), VmPowerState.Stopped, VmPowerState.Running, step.Number))
                .ToArray();
            var last = events[^1];
            var sender = Sender;
            void Handler(VmPowerStateChanged e)
            {
                if (ReferenceEquals(e, last))
                {
                    sender.Tell(step.Number);
                }
            }

            if (groupSteps)
            {
                PersistAllAsync(events, Handler);
            }
            else
            {
                PersistAll(events, Handler);
            }
        });
    }

    public override string PersistenceId { get; }

    public sealed record Step(long Number, int Events);
}
