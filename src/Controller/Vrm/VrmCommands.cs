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

/// <summary>Changes a stopped VM's HA setting, restart priority or QoS.</summary>
public sealed record ReconfigureVm(VmId VmId, ReconfigureVmRequest Request);

/// <summary>
/// Moves a running VM live to <paramref name="Host"/>, or to the host placement picks; with only <paramref name="Datastore"/>,
/// moves its disks there while it runs on its host. Answered with a <see cref="MigrationView"/> once admitted.
/// </summary>
public sealed record MigrateVm(VmId VmId, HostId? Host, string Reason = "requested by an operator", DatastoreId? Datastore = null);
