using Cluster.Messages;

namespace Cluster.Controller.Alarms;

/// <summary>A condition the VRM observed: its kind on one object. At most one active alarm exists per (kind, object).</summary>
public sealed record AlarmCondition(string Kind, AlarmSeverity Severity, AlarmObject Object, string Text, AlarmObject? Related = null);
