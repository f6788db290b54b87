using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// A migration as the journal knows it: how it was admitted, its phase and the reason of its last change, and once the
/// transfer completed, the guest's downtime and the transfer's total time as the source reported them.
/// </summary>
public sealed record OpenMigration(MigrationAdmitted Admitted, MigrationPhase Phase, string LastChange)
{
    public long? DowntimeMs { get; init; }

    public long? TotalMs { get; init; }

    public bool IsOver => Phase is MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed;
}
