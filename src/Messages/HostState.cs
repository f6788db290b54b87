namespace Cluster.Messages;

/// <summary>A host's state in the VRM's inventory. Only Normal hosts receive new VMs.</summary>
public enum HostState
{
    Connecting,
    Normal,
    Faulty,
    Maintenance,
    PoweredOff,
}
