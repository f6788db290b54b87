using System.Text.Json.Serialization;
using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;

namespace Cluster.Controller.Serialization;

/// <summary>Source-generated JSON for the controller's own types: snapshots and the admin protocol between controllers, in the wire messages' style.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(InventorySnapshot))]
[JsonSerializable(typeof(MigrateVm))]
[JsonSerializable(typeof(ListMigrations))]
[JsonSerializable(typeof(GetMigration))]
[JsonSerializable(typeof(MigrationCancelRequested))]
[JsonSerializable(typeof(MigrationCancelAnswer))]
[JsonSerializable(typeof(EnterMaintenance))]
[JsonSerializable(typeof(ExitMaintenance))]
[JsonSerializable(typeof(GetClusterStatus))]
[JsonSerializable(typeof(ListHosts))]
[JsonSerializable(typeof(GetHost))]
[JsonSerializable(typeof(ListDatastores))]
[JsonSerializable(typeof(GetDatastore))]
[JsonSerializable(typeof(ListVms))]
[JsonSerializable(typeof(GetVm))]
[JsonSerializable(typeof(GetLeader))]
[JsonSerializable(typeof(LeaderInfo))]
[JsonSerializable(typeof(HostList))]
[JsonSerializable(typeof(VmList))]
[JsonSerializable(typeof(GetInventoryFingerprint))]
[JsonSerializable(typeof(GetHeartbeatCount))]
[JsonSerializable(typeof(HeartbeatCount))]
[JsonSerializable(typeof(ListAlarms))]
[JsonSerializable(typeof(GetAlarm))]
[JsonSerializable(typeof(AcknowledgeAlarm))]
[JsonSerializable(typeof(AlarmList))]
[JsonSerializable(typeof(CreateVm))]
[JsonSerializable(typeof(PowerOnVm))]
[JsonSerializable(typeof(PowerOffVm))]
[JsonSerializable(typeof(RemoveVm))]
[JsonSerializable(typeof(ReconfigureVm))]
[JsonSerializable(typeof(RemoveHost))]
[JsonSerializable(typeof(AddDatastore))]
[JsonSerializable(typeof(AdminFailure))]
[JsonSerializable(typeof(Cluster.Messages.DatastoreId))]
public sealed partial class ControllerJsonContext : JsonSerializerContext;
