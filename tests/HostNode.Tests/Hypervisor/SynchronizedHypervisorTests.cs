using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor;

/// <summary>The lock the host process puts around its hypervisor keeps it a conforming one.</summary>
public sealed class SynchronizedHypervisorTests : HypervisorConformance
{
    private SimulatedHypervisor? _inner;

    protected override IHypervisor Create(HostHardware hardware) => new SynchronizedHypervisor(_inner = new SimulatedHypervisor(hardware));

    protected override void CrashGuest(VmId vm) => _inner!.Crash(vm);
}
