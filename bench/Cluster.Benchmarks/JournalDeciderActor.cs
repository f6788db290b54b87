using Akka.Actor;
using Akka.Persistence;
using Cluster.Runtime.Deciders;

namespace Cluster.Benchmarks;

/// <summary>
/// A persistent actor built from the decider shell components, as the VRM's will be. <c>pipelined</c> hands the shell
/// PersistAllAsync (several steps' writes in flight, grouped); otherwise PersistAll (one write at a time, commands stashed).
/// </summary>
public sealed class JournalDeciderActor : ReceivePersistentActor, IWithTimers
{
    private readonly PersistentDeciderShell _shell;

    public JournalDeciderActor(string persistenceId, bool pipelined)
    {
        var writes = pipelined
            ? new JournalWrites(PersistAllAsync, SaveSnapshot)
            : new JournalWrites(PersistAll, SaveSnapshot);
        _shell = new PersistentDeciderShell(new JournalDecider(persistenceId), new StepPerformer(Context, this, NoEffects.Instance), writes);
        RecoverAny(_shell.Recover);
        CommandAny(message => _shell.Handle(message, Sender));
    }

    public override string PersistenceId => _shell.PersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        PersistentDeciderShell.Rejected(cause, @event, sequenceNr);

    private sealed class NoEffects : IEffectRunner
    {
        public static readonly NoEffects Instance = new();

        public ValueTask<object> Run(object effect) => throw new NotSupportedException("The journal benchmark's decider runs no effects.");
    }
}
