using Cluster.Messages;

namespace Cluster.Controller.Vrm;

// Questions the admin API (in the controller process) asks the VRM actor. Replies are the admin DTOs of
// Cluster.Messages, or an AdminFailure.

public sealed record GetClusterStatus;

public sealed record ListHosts;

public sealed record GetHost(HostId HostId);

/// <summary>Every datastore in the inventory; answered with a <see cref="DatastoreList"/>.</summary>
public sealed record ListDatastores;

public sealed record GetDatastore(DatastoreId DatastoreId);

public sealed record ListVms;

public sealed record GetVm(VmId VmId);

/// <summary>Which controller is active: its holder id and epoch, as this controller knows it.</summary>
public sealed record GetLeader;

/// <summary>
/// The active controller's holder id and epoch; <paramref name="IsActive"/> says whether the answering
/// controller is that one. A standby that has not seen an unexpired lease answers an empty holder and epoch 0.
/// </summary>
public sealed record LeaderInfo(string Holder, long Epoch, bool IsActive);

/// <summary>The list replies.</summary>
public sealed record HostList(IReadOnlyList<HostView> Hosts);

public sealed record VmList(IReadOnlyList<VmView> Vms);

/// <summary>The inventory's stable text form (tests compare two controllers with it).</summary>
public sealed record GetInventoryFingerprint;

/// <summary>How many heartbeats of registered hosts this VRM has handled since it started (benchmarks, diagnostics).</summary>
public sealed record GetHeartbeatCount;

public sealed record HeartbeatCount(long Count);

/// <summary>Active alarms; with <paramref name="IncludeCleared"/> the recently cleared ones too.</summary>
public sealed record ListAlarms(bool IncludeCleared = false);

public sealed record GetAlarm(string AlarmId);

public sealed record AlarmList(IReadOnlyList<AlarmView> Alarms);

/// <summary>Open migrations and the most recently ended; answered with a <see cref="MigrationList"/>.</summary>
public sealed record ListMigrations;

public sealed record GetMigration(MigrationId MigrationId);

public sealed record ListRules;

public sealed record GetRule(string Name);

public sealed record ListGroups;

public sealed record GetGroup(string Name);

public sealed record RuleList(IReadOnlyList<RuleView> Rules);

public sealed record GroupList(IReadOnlyList<GroupView> Groups);
