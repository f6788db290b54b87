using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor;

/// <summary>The lock the host process puts around its hypervisor keeps it a conforming one.</summary>
public sealed class SynchronizedHypervisorTests : HypervisorConformance
{
    private readonly SimulatedPair _pair = new();
    private SimulatedHypervisor? _inner;

    protected override IHypervisor Create(HostHardware hardware) => new SynchronizedHypervisor(_inner = _pair.Source(hardware));

    protected override IHypervisor CreateTarget(HostHardware hardware) => new SynchronizedHypervisor(_pair.Target(hardware));

    protected override void CrashGuest(VmId vm) => _inner!.Crash(vm);

    protected override void LoseTarget() => _pair.CutLink();
}
