using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm.Ha;
using Cluster.Controller.Vrm.Maintenance;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Controller.Vrm.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// The whole inventory at one sequence number; recovery starts from it and replays only later events.
/// Snapshots written before alarms were an inventory held alarm events under "alarms"; those fail to
/// read as <see cref="Alarm"/>s only in fields they lack, and hold no id, so they are dropped on load.
/// Snapshots written before HA's episodes were kept in them have none: those VRMs rebuilt them only from later events.
/// <see cref="MigrationsEverAdmitted"/> counts every migration id handed out, queued requests' too (the name is older
/// than the queue); <see cref="MigrationQueue"/> holds the requests waiting for room.
/// </summary>
public sealed record InventorySnapshot(
    IReadOnlyList<InventoryHost> Hosts,
    IReadOnlyList<InventoryVm> Vms,
    IReadOnlyList<DatastoreAdded> Datastores,
    IReadOnlyList<Alarm>? Alarms,
    long VmsEverCreated,
    long AlarmsEverRaised = 0,
    IReadOnlyList<HaEpisodeSnapshot>? Ha = null,
    IReadOnlyList<OpenMigration>? Migrations = null,
    long MigrationsEverAdmitted = 0,
    IReadOnlyList<RequestedMigration>? MigrationQueue = null,
    IReadOnlyList<EvacuationAttempt>? Evacuations = null,
    RulesSnapshot? Rules = null);
