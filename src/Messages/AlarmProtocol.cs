namespace Cluster.Messages;

// The alarm inventory's events. An alarm is one occurrence of a condition (its kind on one object): raised
// once, seen again while it lasts, acknowledged by an operator (which does not clear it) and cleared when
// the condition ends. A condition that comes back after its alarm cleared is a new alarm with a new id.
// They are inventory events, so a controller that takes over rebuilds the active alarms from the journal
// and does not raise again what is already raised.

/// <summary>What an alarm is about.</summary>
public enum AlarmObjectKind
{
    Cluster,
    Host,
    Vm,
    Datastore,
    Rule,
}

/// <summary>The object an alarm is about: its kind and id (a host id, a VM id, a datastore id).</summary>
public sealed record AlarmObject(AlarmObjectKind Kind, string Id)
{
    public static AlarmObject Host(HostId host) => new(AlarmObjectKind.Host, host.Value);

    public static AlarmObject Vm(VmId vm) => new(AlarmObjectKind.Vm, vm.Value);

    public static AlarmObject Datastore(DatastoreId datastore) => new(AlarmObjectKind.Datastore, datastore.Value);

    public static AlarmObject Rule(string name) => new(AlarmObjectKind.Rule, name);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Id}";
}

/// <summary>
/// A condition began: a new alarm (id "alarm-0001", ...) at its first sighting. <paramref name="Related"/>
/// is a second object the condition depends on (the unreachable host of an isolated VM), if any.
/// </summary>
public sealed record AlarmRaised(
    string AlarmId,
    string Kind,
    AlarmSeverity Severity,
    AlarmObject Object,
    string Text,
    DateTimeOffset At,
    AlarmObject? Related = null) : IInventoryEvent;

/// <summary>An active alarm's condition was seen again (a repeated rejection): its count and last-seen time move.</summary>
public sealed record AlarmRepeated(string AlarmId, string Text, DateTimeOffset At) : IInventoryEvent;

/// <summary>The condition ended (or its object left the inventory); the alarm is no longer active.</summary>
public sealed record AlarmCleared(string AlarmId, string Reason, DateTimeOffset At) : IInventoryEvent;

/// <summary>An operator has seen the alarm. It stays active until its condition ends.</summary>
public sealed record AlarmAcknowledged(string AlarmId, string By, DateTimeOffset At) : IInventoryEvent;

/// <summary>
/// The alarm event of journals written before alarms were an inventory (manifest inv.alarm-raised.v1): no
/// id, object or time. Read on replay and shown in the event feed; it does not enter the alarm inventory.
/// </summary>
public sealed record AlarmRaisedV1(AlarmSeverity Severity, string Code, string Text) : IInventoryEvent;

/// <summary>An alarm as the admin API shows it.</summary>
public sealed record AlarmView(
    string AlarmId,
    string Kind,
    AlarmSeverity Severity,
    AlarmObject Object,
    string Text,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Count,
    bool Active,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClearedAt,
    string? ClearReason) : IWireMessage;

/// <summary>Body of POST /api/alarms/{id}/ack (optional): who acknowledges.</summary>
public sealed record AcknowledgeAlarmRequest(string? By) : IWireMessage;
