using Akka.Actor;
using Akka.Persistence;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// Recovers a persistence id that is never written, then stops: the journal and snapshot plugins start, open their
/// connections and compile their queries on a standby before it needs them. Without it the first VRM of a process
/// spent about 1.8 s of a failover starting Akka.Persistence.Sql (measured by the <c>singleton</c> benchmark).
/// </summary>
public sealed class JournalWarmUp : ReceivePersistentActor
{
    public const string PersistenceIdValue = "journal-warm-up";

    public JournalWarmUp()
    {
        Recover<RecoveryCompleted>(_ => Context.Stop(Self));
        RecoverAny(_ => { });
    }

    public override string PersistenceId => PersistenceIdValue;

    public static Props Props() => Akka.Actor.Props.Create(() => new JournalWarmUp());
}
