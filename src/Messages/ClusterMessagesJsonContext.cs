using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>
/// Source-generated JSON metadata for every wire type (no reflection at run time). camelCase names,
/// enums as strings so that journals and the admin API stay readable and survive enum reordering.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Heartbeat))]
[JsonSerializable(typeof(HostRegister))]
[JsonSerializable(typeof(HostRegistrationAccepted))]
[JsonSerializable(typeof(HostRegistrationRefused))]
[JsonSerializable(typeof(StartVm))]
[JsonSerializable(typeof(StopVm))]
[JsonSerializable(typeof(DeleteVm))]
[JsonSerializable(typeof(KillStaleInstance))]
[JsonSerializable(typeof(CommandAccepted))]
[JsonSerializable(typeof(CommandRejected))]
[JsonSerializable(typeof(StaleEpochRejected))]
[JsonSerializable(typeof(HostRegistered))]
[JsonSerializable(typeof(HostStateChanged))]
[JsonSerializable(typeof(DatastoreAdded))]
[JsonSerializable(typeof(VmCreated))]
[JsonSerializable(typeof(VmPlaced))]
[JsonSerializable(typeof(VmPowerStateChanged))]
[JsonSerializable(typeof(VmDeleted))]
[JsonSerializable(typeof(VmReconfigured))]
[JsonSerializable(typeof(HostRemoved))]
[JsonSerializable(typeof(HostDatastoreHealthChanged))]
[JsonSerializable(typeof(AlarmRaisedV1))]
[JsonSerializable(typeof(AlarmRaised))]
[JsonSerializable(typeof(AlarmRepeated))]
[JsonSerializable(typeof(AlarmCleared))]
[JsonSerializable(typeof(AlarmAcknowledged))]
[JsonSerializable(typeof(HaRestartPlanned))]
[JsonSerializable(typeof(HaRestartSkipped))]
[JsonSerializable(typeof(VmRunningOnIsolatedHost))]
[JsonSerializable(typeof(HaRestartFailed))]
[JsonSerializable(typeof(RestartRetryScheduled))]
[JsonSerializable(typeof(HaRestartAbandoned))]
[JsonSerializable(typeof(ClusterStatus))]
[JsonSerializable(typeof(HostView))]
[JsonSerializable(typeof(VmView))]
[JsonSerializable(typeof(CreateVmRequest))]
[JsonSerializable(typeof(ProblemResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(LeaderView))]
[JsonSerializable(typeof(ClusterMemberView))]
[JsonSerializable(typeof(ClusterMembersView))]
[JsonSerializable(typeof(ClusterMemberRequest))]
[JsonSerializable(typeof(AlarmView))]
[JsonSerializable(typeof(IReadOnlyList<AlarmView>))]
[JsonSerializable(typeof(AcknowledgeAlarmRequest))]
[JsonSerializable(typeof(ReconfigureVmRequest))]
[JsonSerializable(typeof(IReadOnlyList<HostView>))]
[JsonSerializable(typeof(IReadOnlyList<VmView>))]
[JsonSerializable(typeof(JournalEventRow))]
[JsonSerializable(typeof(IReadOnlyList<JournalEventRow>))]
public sealed partial class ClusterMessagesJsonContext : JsonSerializerContext;
