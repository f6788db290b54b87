namespace Cluster.Controller.Alarms;

/// <summary>The alarm kinds the VRM raises; docs/ha.md lists each with its severity and when it clears.</summary>
public static class AlarmKinds
{
    /// <summary>A host stopped heartbeating and was declared Faulty. Clears when it is Normal again or removed.</summary>
    public const string HostFaulty = "host-faulty";

    /// <summary>A VM still runs on an unreachable host (its lease is renewed). Clears when the host is back, or the VM stopped or restarted elsewhere.</summary>
    public const string VmIsolated = "vm-isolated";

    /// <summary>HA cannot read a VM's storage lease. Clears when the VM is Running or Stopped, or deleted.</summary>
    public const string HaLeaseUnreadable = "ha-lease-unreadable";

    /// <summary>HA gave up restarting a VM. Clears when the VM is Running or Stopped, or deleted.</summary>
    public const string HaRestartAbandoned = "ha-restart-abandoned";

    /// <summary>A stop of a VM on a Faulty host cannot be confirmed: its lease is still renewed. Clears when the VM leaves Stopping.</summary>
    public const string VmStopUnconfirmed = "vm-stop-unconfirmed";

    /// <summary>A host reports a VM the inventory does not place there. Clears when the host no longer reports it, or is removed.</summary>
    public const string UnexpectedVm = "unexpected-vm";

    /// <summary>A host rejected a command (repeats count up). Clears when the host registers again or is removed.</summary>
    public const string CommandRejected = "command-rejected";

    /// <summary>A host cannot reach a datastore it is attached to. Clears when it reports the datastore reachable, or is removed.</summary>
    public const string DatastoreUnreachable = "datastore-unreachable";

    /// <summary>A host entering maintenance has a VM that cannot leave it. Clears when the host leaves EnteringMaintenance.</summary>
    public const string MaintenanceBlocked = "maintenance-blocked";

    /// <summary>The placement breaks a rule (a new rule, or a should rule HA bent). Clears when the rule holds again or is deleted.</summary>
    public const string RuleViolated = "rule-violated";

    /// <summary>
    /// A second host node claimed a host id that a live node holds, and was refused. Clears when the host registers at a
    /// new address once its old node is gone, or is removed.
    /// </summary>
    public const string DuplicateHostId = "duplicate-host-id";
}
