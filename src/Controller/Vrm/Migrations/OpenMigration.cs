using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>A migration as the journal knows it: how it was admitted, its phase and the reason of its last change.</summary>
public sealed record OpenMigration(MigrationAdmitted Admitted, MigrationPhase Phase, string LastChange)
{
    public bool IsOver => Phase is MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed;
}
