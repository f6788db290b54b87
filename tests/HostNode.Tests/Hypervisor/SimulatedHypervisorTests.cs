using Cluster.HostNode.Hypervisor;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor;

public sealed class SimulatedHypervisorTests : HypervisorConformance
{
    private readonly SimulatedPair _pair = new();
    private SimulatedHypervisor? _simulated;

    [Fact]
    public void Cpu_use_is_the_configured_share_of_each_running_guests_vcpus()
    {
        Hypervisor.Start(Web, Guest("web", vcpus: 2), 1);

        Assert.Equal((long)(2 * Allotment.ClockMhz * 0.2), Hypervisor.Used.CpuMhz);
    }

    protected override IHypervisor Create(HostHardware hardware) => _simulated = _pair.Source(hardware);

    protected override IHypervisor CreateTarget(HostHardware hardware) => _pair.Target(hardware);

    protected override void CrashGuest(VmId vm) => _simulated!.Crash(vm);

    protected override void LoseTarget() => _pair.CutLink();
}
