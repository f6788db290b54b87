using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Controller.Vrm.Ha;
using Cluster.Controller.Vrm.Hosts;
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

    /// <summary>
    /// The running VMs whose hot reconfigure this tenure sent and its host has not yet answered. Not in the journal nor the
    /// snapshot (a new tenure waits for nothing it did not send); read by migration admission, so that no VM is moved at
    /// a size its host is changing.
    /// </summary>
    public HashSet<VmId> HotReconfiguring { get; } = [];

    /// <summary>
    /// The hosts heard since this VRM took over: like <see cref="HotReconfiguring"/>, not determined by the journal (each
    /// VRM builds it afresh, so it starts empty), kept here because every planner's view depends on it.
    /// </summary>
    public HostsHeard Heard { get; } = new();

    public InventorySnapshot ToSnapshot() =>
        Inventory.ToSnapshotRecord() with { Ha = Ha.ToSnapshot(), Migrations = Migrations.ToSnapshot(), MigrationsEverAdmitted = Migrations.EverNumbered, MigrationQueue = Migrations.QueueSnapshot(), Evacuations = Evacuations.ToSnapshot() };

    /// <summary>
    /// The planners' view: the inventory with its rules (the mandatory part, which placement, HA and admission keep) and
    /// what open migrations reserve on their target hosts and datastores.
    /// </summary>
    public ClusterSnapshot PlanningSnapshot(double datastoreOvercommit) => Snapshot(datastoreOvercommit, heardOnly: false);

    /// <summary>
    /// The view a start is placed with (an operator's or HA's): <see cref="PlanningSnapshot"/> where only hosts heard in
    /// this tenure are targets (<see cref="HostsHeard.AsTargets"/>).
    /// </summary>
    public ClusterSnapshot PlacementSnapshot(double datastoreOvercommit) => Snapshot(datastoreOvercommit, heardOnly: true);

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

    private ClusterSnapshot Snapshot(double datastoreOvercommit, bool heardOnly)
    {
        var reservations = Migrations.Reservations(Inventory);
        var inventory = Inventory.ToSnapshot(PlacementRules(), datastoreOvercommit, reservations);
        return Migrations.WithDiskCopies(heardOnly ? Heard.AsTargets(inventory, reservations) : inventory, Inventory);
    }

    private PlacementRules? PlacementRules() =>
        Inventory.Rules.Rules.Count == 0 ? null : Inventory.Rules.Set.ToPlacementRules(Inventory.Hosts.Select(h => h.HostId));

    public void Restore(InventorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Inventory = Inventory.FromSnapshot(snapshot);
        Ha.Restore(snapshot.Ha);
        Migrations.Restore(snapshot.Migrations, snapshot.MigrationsEverAdmitted, snapshot.MigrationQueue);
        Evacuations.Restore(snapshot.Evacuations);
    }
}
