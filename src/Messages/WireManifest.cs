using System.Collections.Frozen;

namespace Cluster.Messages;

/// <summary>A stable wire name for a message type. The version suffix changes when the shape does.</summary>
public readonly record struct WireManifestEntry(string Manifest, Type Type);

/// <summary>
/// Every wire message and persisted event with its manifest, so a serializer registry is filled from
/// one table. Manifests are persisted in the journal: never rename one, add a new version instead.
/// </summary>
public static class WireManifest
{
    public static IReadOnlyList<WireManifestEntry> Entries { get; } =
    [
        // heartbeat
        new("heartbeat.v1", typeof(Heartbeat)),
        new("host-register.v1", typeof(HostRegister)),
        new("host-registration-accepted.v1", typeof(HostRegistrationAccepted)),
        new("host-registration-refused.v1", typeof(HostRegistrationRefused)),
        new("host-id-in-use.v1", typeof(HostIdInUse)),

        // host commands
        new("cmd.start-vm.v1", typeof(StartVm)),
        new("cmd.stop-vm.v1", typeof(StopVm)),
        new("cmd.delete-vm.v1", typeof(DeleteVm)),
        new("cmd.kill-stale-instance.v1", typeof(KillStaleInstance)),
        new("cmd.prepare-incoming-migration.v1", typeof(PrepareIncomingMigration)),
        new("cmd.start-migration.v1", typeof(StartMigration)),
        new("cmd.cancel-migration.v1", typeof(CancelMigration)),
        new("cmd.resume-migrated-vm.v1", typeof(ResumeMigratedVm)),
        new("cmd.quit-migrated-source.v1", typeof(QuitMigratedSource)),
        new("cmd.discard-incoming-migration.v1", typeof(DiscardIncomingMigration)),
        new("migration.incoming-prepared.v1", typeof(IncomingMigrationPrepared)),
        new("migration.progress-reported.v1", typeof(MigrationProgressReported)),
        new("migration.vm-resumed.v1", typeof(MigratedVmResumed)),
        new("migration.requested.v1", typeof(MigrationRequested)),
        new("migration.admitted.v1", typeof(MigrationAdmitted)),
        new("migration.phase-changed.v1", typeof(MigrationPhaseChanged)),
        new("cmd.start-disk-mirror.v1", typeof(StartDiskMirror)),
        new("cmd.pivot-disk-mirror.v1", typeof(PivotDiskMirror)),
        new("cmd.cancel-disk-mirror.v1", typeof(CancelDiskMirror)),
        new("migration.disk-mirror-progress-reported.v1", typeof(DiskMirrorProgressReported)),
        new("migration.disk-mirror-pivoted.v1", typeof(DiskMirrorPivoted)),
        new("cmd.hot-reconfigure-vm.v1", typeof(HotReconfigureVm)),
        new("cmd.copy-vm-disks.v1", typeof(CopyVmDisks)),
        new("cmd.cancel-disk-copy.v1", typeof(CancelDiskCopy)),
        new("migration.disk-copy-progress-reported.v1", typeof(DiskCopyProgressReported)),
        new("cmd.accepted.v1", typeof(CommandAccepted)),
        new("cmd.rejected.v1", typeof(CommandRejected)),
        new("cmd.stale-epoch-rejected.v1", typeof(StaleEpochRejected)),

        // inventory events
        new("inv.host-registered.v1", typeof(HostRegistered)),
        new("inv.host-state-changed.v1", typeof(HostStateChanged)),
        new("inv.datastore-added.v1", typeof(DatastoreAdded)),
        new("inv.vm-created.v1", typeof(VmCreated)),
        new("inv.vm-placed.v1", typeof(VmPlaced)),
        new("inv.vm-power-state-changed.v1", typeof(VmPowerStateChanged)),
        new("inv.vm-deleted.v1", typeof(VmDeleted)),
        new("inv.vm-reconfigured.v1", typeof(VmReconfigured)),
        new("inv.vm-migrated.v1", typeof(VmMigrated)),
        new("inv.vm-disks-moved.v1", typeof(VmDisksMoved)),
        new("inv.host-removed.v1", typeof(HostRemoved)),
        new("inv.host-datastore-health-changed.v1", typeof(HostDatastoreHealthChanged)),
        new("inv.alarm-raised.v1", typeof(AlarmRaisedV1)),

        // alarm inventory
        new("inv.alarm-raised.v2", typeof(AlarmRaised)),
        new("inv.alarm-repeated.v1", typeof(AlarmRepeated)),
        new("inv.alarm-cleared.v1", typeof(AlarmCleared)),
        new("inv.alarm-acknowledged.v1", typeof(AlarmAcknowledged)),
        new("inv.vm-group-saved.v1", typeof(VmGroupSaved)),
        new("inv.host-group-saved.v1", typeof(HostGroupSaved)),
        new("inv.group-deleted.v1", typeof(GroupDeleted)),
        new("inv.rule-created.v1", typeof(RuleCreated)),
        new("inv.rule-deleted.v1", typeof(RuleDeleted)),

        // HA events
        new("ha.restart-planned.v1", typeof(HaRestartPlanned)),
        new("ha.restart-skipped.v1", typeof(HaRestartSkipped)),
        new("ha.vm-running-on-isolated-host.v1", typeof(VmRunningOnIsolatedHost)),
        new("ha.restart-failed.v1", typeof(HaRestartFailed)),
        new("ha.restart-retry-scheduled.v1", typeof(RestartRetryScheduled)),
        new("ha.restart-abandoned.v1", typeof(HaRestartAbandoned)),

        // admin API
        new("admin.cluster-status.v1", typeof(ClusterStatus)),
        new("admin.host-view.v1", typeof(HostView)),
        new("admin.datastore-view.v1", typeof(DatastoreView)),
        new("admin.datastore-list.v1", typeof(DatastoreList)),
        new("admin.vm-view.v1", typeof(VmView)),
        new("admin.migrate-vm-request.v1", typeof(MigrateVmRequest)),
        new("admin.migration-view.v1", typeof(MigrationView)),
        new("admin.migration-list.v1", typeof(MigrationList)),
        new("admin.create-vm-request.v1", typeof(CreateVmRequest)),
        new("admin.error-response.v1", typeof(ErrorResponse)),
        new("admin.problem.v1", typeof(ProblemResponse)),
        new("admin.leader-view.v1", typeof(LeaderView)),
        new("admin.cluster-member-view.v1", typeof(ClusterMemberView)),
        new("admin.cluster-members-view.v1", typeof(ClusterMembersView)),
        new("admin.cluster-member-request.v1", typeof(ClusterMemberRequest)),
        new("admin.alarm-view.v1", typeof(AlarmView)),
        new("admin.acknowledge-alarm-request.v1", typeof(AcknowledgeAlarmRequest)),
        new("admin.reconfigure-vm-request.v1", typeof(ReconfigureVmRequest)),

        // split-brain lease, brokered for host nodes
        new("sbr.lease-request.v1", typeof(SplitBrainLeaseRequest)),
        new("sbr.lease-answer.v1", typeof(SplitBrainLeaseAnswer)),
    ];

    private static readonly FrozenDictionary<string, Type> TypesByManifest =
        Entries.ToFrozenDictionary(e => e.Manifest, e => e.Type, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, string> ManifestsByType =
        Entries.ToFrozenDictionary(e => e.Type, e => e.Manifest);

    public static bool TryGetType(string manifest, out Type? type) => TypesByManifest.TryGetValue(manifest, out type);

    public static bool TryGetManifest(Type type, out string? manifest) => ManifestsByType.TryGetValue(type, out manifest);
}
