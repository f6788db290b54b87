using Cluster.Messages;

namespace Cluster.Controller.Alarms;

/// <summary>One alarm occurrence as the alarm inventory folds it from its events.</summary>
public sealed record Alarm(
    string AlarmId,
    string Kind,
    AlarmSeverity Severity,
    AlarmObject Object,
    AlarmObject? Related,
    string Text,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Count,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null,
    DateTimeOffset? ClearedAt = null,
    string? ClearReason = null)
{
    public bool Active => ClearedAt is null;

    public AlarmView ToView() => new(AlarmId, Kind, Severity, Object, Text, FirstSeen, LastSeen, Count, Active, AcknowledgedBy, AcknowledgedAt, ClearedAt, ClearReason);
}
