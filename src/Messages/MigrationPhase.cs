namespace Cluster.Messages;

/// <summary>Where a migration saga stands; docs/migration.md gives each phase's meaning and what it recovers to.</summary>
public enum MigrationPhase
{
    Requested,
    Admitted,
    TargetPrepared,
    Transferring,
    SwitchingOver,
    InDoubt,
    Completed,
    RolledBack,
    Failed,
}
