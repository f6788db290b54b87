namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// Where a simulated hypervisor sits: its host's name (the host part of its migration addresses), the migration network
/// it shares with the other simulated hypervisors of the process, and the guests' workloads.
/// </summary>
public sealed record SimulatedHostSite(string HostName, InProcessMigrationNetwork Network, GuestWorkloads Workloads)
{
    /// <summary>A hypervisor with a network of its own: it can prepare incoming VMs, but nothing from another process reaches them.</summary>
    public static SimulatedHostSite Alone(string hostName = "localhost") => new(hostName, new InProcessMigrationNetwork(), new GuestWorkloads());
}
