using Cluster.Controller.Planning.Snapshot;
using Cluster.Controller.Vrm.Ha;
using Cluster.Controller.Vrm.Maintenance;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// What the VRM's journal determines, in one object that is also its snapshot: the inventory (hosts, VMs,
/// datastores, the alarm book), HA's episodes, the migrations (open and queued) and the evacuations' attempts. A VRM recovered from a snapshot and the events after it holds
/// the same state as one that replayed every event.
/// </summary>
public sealed class VrmState(ILogger log)
{
    public Inventory Inventory { get; private set; } = new();

    public HaEpisodes Ha { get; } = new(log);

    public MigrationBook Migrations { get; } = new();

    public EvacuationAttempts Evacuations { get; } = new();

    public InventorySnapshot ToSnapshot() =>
        Inventory.ToSnapshotRecord() with { Ha = Ha.ToSnapshot(), Migrations = Migrations.ToSnapshot(), MigrationsEverAdmitted = Migrations.EverNumbered, MigrationQueue = Migrations.QueueSnapshot(), Evacuations = Evacuations.ToSnapshot() };

    /// <summary>The planners' view: the inventory with what open migrations reserve on their target hosts and datastores.</summary>
    public ClusterSnapshot PlanningSnapshot(double datastoreOvercommit) =>
        Migrations.WithDiskCopies(Inventory.ToSnapshot(datastoreOvercommit: datastoreOvercommit, reservations: Migrations.Reservations(Inventory)), Inventory);

    /// <summary>Follows one journaled event: the inventory, HA's episodes and the migrations each take theirs.</summary>
    public void Apply(IWireMessage @event)
    {
        if (@event is IInventoryEvent inventoryEvent)
        {
            Inventory.Apply(inventoryEvent);
        }

        if (@event is IMigrationEvent migrationEvent)
        {
            Migrations.Apply(migrationEvent);
        }

        // A storage migration's VM keeps its instance and incarnation, and a cold one's runs nowhere: no new one is issued for either.
        if (@event is MigrationAdmitted { Kind: not (MigrationKind.Storage or MigrationKind.Cold) } admitted)
        {
            Inventory.IncarnationIssued(admitted.VmId, admitted.IncarnationOnTarget);
        }

        Ha.Apply(@event);
        Evacuations.Apply(@event);
    }

    public void Restore(InventorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Inventory = Inventory.FromSnapshot(snapshot);
        Ha.Restore(snapshot.Ha);
        Migrations.Restore(snapshot.Migrations, snapshot.MigrationsEverAdmitted, snapshot.MigrationQueue);
        Evacuations.Restore(snapshot.Evacuations);
    }
}
