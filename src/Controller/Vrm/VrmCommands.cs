using Cluster.Messages;

namespace Cluster.Controller.Vrm;

// Lifecycle commands the admin API sends to the VRM actor. Success replies with the VM's VmView (after
// the change is in the journal); refusal replies with an AdminFailure.

public sealed record CreateVm(CreateVmRequest Request);

public sealed record PowerOnVm(VmId VmId);

public sealed record PowerOffVm(VmId VmId, bool Graceful);

public sealed record RemoveVm(VmId VmId);

/// <summary>Adds a datastore to the inventory (the local cluster's set-up does this).</summary>
public sealed record AddDatastore(DatastoreId DatastoreId, string Name, long CapacityGb);

public enum AdminFailureKind
{
    /// <summary>Bad input: HTTP 400.</summary>
    Invalid,

    /// <summary>Unknown id: HTTP 404.</summary>
    NotFound,

    /// <summary>Not allowed in the current state: HTTP 409.</summary>
    Conflict,

    /// <summary>This controller is not the active one: HTTP 503.</summary>
    NotActive,
}

/// <summary>Why a command or question was refused, with the fields at fault.</summary>
public sealed record AdminFailure(AdminFailureKind Kind, ErrorResponse Error)
{
    public static AdminFailure Invalid(IReadOnlyList<FieldError> errors) => new(AdminFailureKind.Invalid, new ErrorResponse(FieldError.Summarize(errors), errors));

    public static AdminFailure NotFound(string field, string what) => new(AdminFailureKind.NotFound, new ErrorResponse($"{what} not found", [new FieldError(field, "no such id")]));

    public static AdminFailure Conflict(string field, string reason) => new(AdminFailureKind.Conflict, new ErrorResponse(reason, [new FieldError(field, reason)]));
}

/// <summary>An operator has seen an alarm (it stays active until its condition ends).</summary>
public sealed record AcknowledgeAlarm(string AlarmId, string By);

/// <summary>
/// Removes a host from the inventory. Refused while VMs are placed on it, and while it is Normal (it
/// heartbeats: stop its agent first, so it turns Faulty).
/// </summary>
public sealed record RemoveHost(HostId HostId);

/// <summary>Changes a VM's HA setting, restart priority, QoS, size, disks or NICs; a running one live (Vms/VmReconfiguration).</summary>
public sealed record ReconfigureVm(VmId VmId, ReconfigureVmRequest Request);

/// <summary>
/// Asks for a live move of a running VM to <paramref name="Host"/>, or to the host placement picks; with only
/// <paramref name="Datastore"/>, for a move of its disks there while it runs on its host: docs/migration.md's
/// RequestMigration. One that can never be admitted is refused at once; one over a migration limit waits in the queue
/// (phase Requested), admitted in <paramref name="Priority"/> order when room frees up. Answered with a
/// <see cref="MigrationView"/> in phase Admitted or Requested once that is in the journal.
/// </summary>
public sealed record MigrateVm(VmId VmId, HostId? Host, string Reason = "requested by an operator", MigrationPriority Priority = MigrationPriority.Operator, DatastoreId? Datastore = null);

/// <summary>
/// Puts a host into maintenance: it turns EnteringMaintenance (no longer a target), its running VMs are moved off through
/// the migration queue at Maintenance priority, and it turns Maintenance once no VM is left on it. Answered with its
/// <see cref="HostView"/>, whose Maintenance line says how the evacuation goes or what blocks it.
/// </summary>
public sealed record EnterMaintenance(HostId HostId);

/// <summary>
/// Takes a host out of maintenance: Normal again (at its next heartbeat if it is silent). While it is still entering,
/// this cancels the evacuation: requests still queued are dropped, migrations under way run to their end.
/// </summary>
public sealed record ExitMaintenance(HostId HostId);

/// <summary>Creates a VM or host group, or replaces its members; answered with its <see cref="GroupView"/>.</summary>
public sealed record SaveGroup(string Name, GroupKind Kind, IReadOnlyList<string> Members);

/// <summary>Deletes a group that no rule names.</summary>
public sealed record DeleteGroup(string Name);

/// <summary>Creates a rule, refused with the conflict named when the rule set would become one no placement can keep.</summary>
public sealed record CreateRule(CreateRuleRequest Request);

/// <summary>Deletes a rule (its violation alarm, if any, clears).</summary>
public sealed record DeleteRule(string Name);
