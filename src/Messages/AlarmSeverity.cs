namespace Cluster.Messages;

/// <summary>How urgently an alarm wants an operator.</summary>
public enum AlarmSeverity
{
    Info,
    Warning,
    Major,
    Critical,
}
