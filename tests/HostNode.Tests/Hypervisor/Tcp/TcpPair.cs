using System.Net;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Tcp;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor.Tcp;

/// <summary>
/// Two simulated hypervisors as two host-node processes would have them: each with a TCP migration transport of its
/// own on loopback (port 0), with or without TLS. Losing the target closes its transport, as a killed process's sockets close.
/// </summary>
public sealed class TcpPair : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly GuestWorkloads _workloads = new();

    public TcpPair(MigrationTls? sourceTls = null, MigrationTls? targetTls = null)
    {
        SourceTransport = new TcpMigrationTransport(new IPEndPoint(IPAddress.Loopback, 0), "127.0.0.1", sourceTls);
        TargetTransport = new TcpMigrationTransport(new IPEndPoint(IPAddress.Loopback, 0), "127.0.0.1", targetTls);
    }

    public TcpMigrationTransport SourceTransport { get; }

    public TcpMigrationTransport TargetTransport { get; }

    public SimulatedHypervisor Source(HostHardware hardware) => new(hardware, site: new SimulatedHostSite("host-a", SourceTransport, _workloads));

    public SimulatedHypervisor Target(HostHardware hardware) => new(hardware, site: new SimulatedHostSite("host-b", TargetTransport, _workloads));

    /// <summary>Every connection the source opened is made or has failed, and every confirmation asked for has come or failed.</summary>
    public void AwaitNetwork() => SourceTransport.WaitForLinksAsync(Patience).GetAwaiter().GetResult();

    /// <summary>The target's process goes: its sockets close, and the source has seen every connection to it end.</summary>
    public void KillTarget()
    {
        TargetTransport.Dispose();
        SourceTransport.WaitForLinksAsync(Patience, link => link.Failure is not null || link.Delivered).GetAwaiter().GetResult();
    }

    /// <summary>The source's process goes: its sockets close.</summary>
    public void KillSource() => SourceTransport.Dispose();

    public void Dispose()
    {
        SourceTransport.Dispose();
        TargetTransport.Dispose();
    }
}
