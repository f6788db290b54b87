namespace Cluster.HostNode.Cna;

/// <summary>What a host does with its VMs when it finds itself isolated from the management network.</summary>
public enum IsolationResponse
{
    /// <summary>Default: keep running. Safe, because HA will not restart a VM whose storage lease is still renewed.</summary>
    LeaveRunning,

    /// <summary>Shut the guests down cleanly, releasing their leases so HA restarts them elsewhere at once.</summary>
    Shutdown,

    /// <summary>Power the VMs off at once, releasing their leases.</summary>
    PowerOff,
}
