using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Serialization;

/// <summary>
/// The controller's own types that leave the process: the admin questions a standby's API asks the VRM on another
/// controller through the singleton proxy, their answers, and the VRM's snapshot. Manifests are stored in snapshot
/// rows and sent on the wire, so they never change; a new shape gets a new version.
/// </summary>
public static class ControllerManifest
{
    public static IReadOnlyList<(string Manifest, Type Type)> Entries { get; } =
    [
        ("vrm.get-cluster-status.v1", typeof(GetClusterStatus)),
        ("vrm.list-hosts.v1", typeof(ListHosts)),
        ("vrm.get-host.v1", typeof(GetHost)),
        ("vrm.list-datastores.v1", typeof(ListDatastores)),
        ("vrm.get-datastore.v1", typeof(GetDatastore)),
        ("vrm.list-vms.v1", typeof(ListVms)),
        ("vrm.get-vm.v1", typeof(GetVm)),
        ("vrm.get-leader.v1", typeof(GetLeader)),
        ("vrm.leader-info.v1", typeof(LeaderInfo)),
        ("vrm.host-list.v1", typeof(HostList)),
        ("vrm.vm-list.v1", typeof(VmList)),
        ("vrm.get-inventory-fingerprint.v1", typeof(GetInventoryFingerprint)),
        ("vrm.get-heartbeat-count.v1", typeof(GetHeartbeatCount)),
        ("vrm.heartbeat-count.v1", typeof(HeartbeatCount)),
        ("vrm.list-alarms.v1", typeof(ListAlarms)),
        ("vrm.get-alarm.v1", typeof(GetAlarm)),
        ("vrm.acknowledge-alarm.v1", typeof(AcknowledgeAlarm)),
        ("vrm.alarm-list.v1", typeof(AlarmList)),
        ("vrm.create-vm.v1", typeof(CreateVm)),
        ("vrm.power-on-vm.v1", typeof(PowerOnVm)),
        ("vrm.power-off-vm.v1", typeof(PowerOffVm)),
        ("vrm.remove-vm.v1", typeof(RemoveVm)),
        ("vrm.reconfigure-vm.v1", typeof(ReconfigureVm)),
        ("vrm.remove-host.v1", typeof(RemoveHost)),
        ("vrm.add-datastore.v1", typeof(AddDatastore)),
        ("vrm.datastore-id.v1", typeof(DatastoreId)),
        ("vrm.admin-failure.v1", typeof(AdminFailure)),
        ("vrm.inventory-snapshot.v1", typeof(InventorySnapshot)),
        ("vrm.migrate-vm.v1", typeof(MigrateVm)),
        ("vrm.list-migrations.v1", typeof(ListMigrations)),
        ("vrm.get-migration.v1", typeof(GetMigration)),
        ("vrm.cancel-migration.v1", typeof(MigrationCancelRequested)),
        ("vrm.migration-cancel-answer.v1", typeof(MigrationCancelAnswer)),
        ("vrm.enter-maintenance.v1", typeof(EnterMaintenance)),
        ("vrm.exit-maintenance.v1", typeof(ExitMaintenance)),
    ];
}
