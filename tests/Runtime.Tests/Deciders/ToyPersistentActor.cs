using Akka.Actor;
using Akka.Persistence;
using Cluster.Runtime.Deciders;

namespace Cluster.Runtime.Tests.Deciders;

/// <summary>The shape of a journaled shell (the VRM's): a persistent actor composing <see cref="PersistentDeciderShell"/>.</summary>
public sealed class ToyPersistentActor : ReceivePersistentActor, IWithTimers
{
    private readonly PersistentDeciderShell _shell;

    public ToyPersistentActor(string persistenceId, IEffectRunner effects)
    {
        _shell = new PersistentDeciderShell(
            new ToyDecider(persistenceId),
            new StepPerformer(Context, this, effects),
            new JournalWrites(PersistAllAsync, SaveSnapshot));
        RecoverAny(_shell.Recover);
        CommandAny(message => _shell.Handle(message, Sender));
    }

    public override string PersistenceId => _shell.PersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string persistenceId, IEffectRunner effects) =>
        Akka.Actor.Props.Create(() => new ToyPersistentActor(persistenceId, effects));

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        PersistentDeciderShell.Rejected(cause, @event, sequenceNr);
}
