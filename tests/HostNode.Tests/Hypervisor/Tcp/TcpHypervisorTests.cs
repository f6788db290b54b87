using Cluster.HostNode.Hypervisor;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor.Tcp;

/// <summary>
/// The simulated hypervisor between two processes: the conformance suite with each host on a TCP transport of its own,
/// over loopback, plain (<see cref="TcpHypervisorTests"/>) and mutual TLS (<see cref="TlsHypervisorTests"/>).
/// </summary>
public abstract class TcpConformance(TcpPair pair) : HypervisorConformance, IDisposable
{
    private SimulatedHypervisor? _source;

    public void Dispose()
    {
        pair.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override IHypervisor Create(HostHardware hardware) => _source = pair.Source(hardware);

    protected override IHypervisor CreateTarget(HostHardware hardware) => pair.Target(hardware);

    protected override void CrashGuest(VmId vm) => _source!.Crash(vm);

    protected override void LoseTarget() => pair.KillTarget();

    protected override void AwaitNetwork() => pair.AwaitNetwork();
}

public sealed class TcpHypervisorTests() : TcpConformance(new TcpPair());

/// <summary>As a cluster with --tls-* runs it.</summary>
public sealed class TlsHypervisorTests() : TcpConformance(new TcpPair(TestPki.Node("host-a"), TestPki.Node("host-b")));
