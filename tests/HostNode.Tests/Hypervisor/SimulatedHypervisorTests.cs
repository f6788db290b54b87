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

    [Fact]
    public void A_guest_writing_its_disks_faster_than_the_mirror_copies_never_gets_in_sync()
    {
        Hypervisor.Start(Web, Guest("web"), 1);
        _pair.Workloads.SetDiskWriteRate(Web, 150);

        Hypervisor.MirrorDisks(Web, 1, Ds2, MirrorSpeed, DateTimeOffset.UnixEpoch);

        var hourLater = Hypervisor.QueryDiskMirror(Web, DateTimeOffset.UnixEpoch.AddHours(1))!;
        Assert.False(hourLater.Ready);
        Assert.True(hourLater.RemainingBytes > 0);
    }

    protected override IHypervisor Create(HostHardware hardware) => _simulated = _pair.Source(hardware);

    protected override IHypervisor CreateTarget(HostHardware hardware) => _pair.Target(hardware);

    protected override void CrashGuest(VmId vm) => _simulated!.Crash(vm);

    protected override void LoseTarget() => _pair.CutLink();
}
