namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// Where a simulated hypervisor sits: its host's name (the host part of its in-process migration addresses), the
/// transport its migrations travel over (the in-process network it shares with the other simulated hypervisors of the
/// process, or TCP to other host-node processes), and the guests' workloads.
/// </summary>
public sealed record SimulatedHostSite(string HostName, MigrationTransport Transport, GuestWorkloads Workloads)
{
    /// <summary>A hypervisor with a network of its own: it can prepare incoming VMs, but nothing from another process reaches them.</summary>
    public static SimulatedHostSite Alone(string hostName = "localhost") => new(hostName, new InProcessMigrationNetwork(), new GuestWorkloads());
}
