namespace Cluster.Messages;

/// <summary>
/// A VM's power state as the VRM knows it. Unknown: its host stopped reporting, so the VM may still be
/// running (HA decides by its storage lease).
/// </summary>
public enum VmPowerState
{
    Stopped,
    Starting,
    Running,
    Stopping,
    Crashed,
    Unknown,
}
