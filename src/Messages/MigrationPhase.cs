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

    /// <summary>A storage (or shared-nothing) migration: the source mirrors the running VM's disks to the target datastore until they are in sync.</summary>
    Mirroring,

    /// <summary>A storage migration: the mirror is in sync and the VM is told to switch to the target datastore's copy.</summary>
    Pivoting,

    /// <summary>A cold migration: a host copies the stopped VM's disks to the target datastore.</summary>
    Copying,
}
