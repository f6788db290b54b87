namespace Cluster.Simulation.Invariants;

/// <summary>Once every fault is healed, every migration has ended: Completed, RolledBack or Failed, none left half-way nor waiting in the queue.</summary>
public sealed class NoMigrationOpenWhenSettled : IInvariant
{
    public string Name => "no-migration-open-when-settled";

    public InvariantScope Scope => InvariantScope.WhenSettled;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problems.Describe(context.Cluster.OpenMigrations().Select(m =>
            $"migration {m.Admitted.MigrationId} of {context.VmName(m.Admitted.VmId)} ({m.Admitted.Source}->{m.Admitted.Target}) is still {m.Phase}: {m.LastChange}")
            .Concat(context.Cluster.QueuedMigrations().Select(q =>
                $"migration {q.Request.MigrationId} of {context.VmName(q.Request.VmId)} still waits in the queue ({q.Request.Priority})")));
    }
}
