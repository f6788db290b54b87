namespace Cluster.Messages;

/// <summary>
/// A host's state in the VRM's inventory. Only Normal hosts receive new VMs (placement, HA, DRS, migration targets).
/// EnteringMaintenance: an operator asked for maintenance and its VMs are being moved off; it still runs them, so it
/// still turns Faulty when it falls silent. Maintenance: emptied; its silence (shut down for maintenance) is no fault.
/// </summary>
public enum HostState
{
    Connecting,
    Normal,
    Faulty,
    Maintenance,
    PoweredOff,
    EnteringMaintenance,
}
