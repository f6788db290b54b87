namespace Cluster.Messages;

/// <summary>The order in which HA restarts the VMs of a failed host: High first.</summary>
public enum RestartPriority
{
    High,
    Medium,
    Low,
}
