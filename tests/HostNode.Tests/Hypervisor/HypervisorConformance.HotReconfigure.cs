using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor;

/// <summary>
/// Reconfiguring a running guest in place: additions only (vCPUs, memory by the hot-add grain, larger disks, NICs), within
/// the allotment (2 vCPUs, 2048 MB usable); whatever is refused leaves the guest as it was.
/// </summary>
public abstract partial class HypervisorConformance
{
    [Fact]
    public void A_running_guest_gains_vcpus_memory_a_larger_disk_and_a_nic_and_a_repeat_succeeds_again()
    {
        var before = Guest("web");
        Hypervisor.Start(Web, before, 1);
        var grown = before with
        {
            Vcpus = 2,
            MemoryMb = GuestMemoryMb + VmLimits.MemoryHotAddGranularityMb * 2,
            Disks = [before.Disks[0] with { SizeGb = before.Disks[0].SizeGb + 10 }],
            Nics = [new VmNic("vm-net")],
        };

        Assert.Null(Hypervisor.HotReconfigure(Web, 1, grown));
        Assert.Null(Hypervisor.HotReconfigure(Web, 1, grown));

        Assert.Equal(grown.MemoryMb, Hypervisor.Used.MemoryMb);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 1)], Hypervisor.Report());
    }

    [Fact]
    public void Nothing_is_hot_removed_and_a_refused_change_leaves_the_guest_as_it_was()
    {
        var started = Guest("web", vcpus: 2, memoryMb: GuestMemoryMb * 2);
        Hypervisor.Start(Web, started, 1);
        var before = started with { Disks = [started.Disks[0] with { SizeGb = started.Disks[0].SizeGb + 2 }], Nics = [new VmNic("vm-net")] };
        Hypervisor.HotReconfigure(Web, 1, before);

        Assert.Contains("vcpus", Hypervisor.HotReconfigure(Web, 1, before with { Vcpus = 1 }), StringComparison.Ordinal);
        Assert.Contains("memoryMb", Hypervisor.HotReconfigure(Web, 1, before with { MemoryMb = GuestMemoryMb }), StringComparison.Ordinal);
        Assert.Contains("disks[0]", Hypervisor.HotReconfigure(Web, 1, started with { Nics = before.Nics }), StringComparison.Ordinal);
        Assert.Contains("nics", Hypervisor.HotReconfigure(Web, 1, before with { Nics = null }), StringComparison.Ordinal);

        Assert.Equal(before.MemoryMb, Hypervisor.Used.MemoryMb);
        Assert.Null(Hypervisor.HotReconfigure(Web, 1, before));
    }

    [Fact]
    public void Memory_off_the_hot_add_grain_or_past_the_free_memory_and_too_many_vcpus_are_refused()
    {
        var before = Guest("web");
        Hypervisor.Start(Web, before, 1);
        Hypervisor.Start(Db, Guest("db"), 1);

        Assert.Contains("multiples of", Hypervisor.HotReconfigure(Web, 1, before with { MemoryMb = GuestMemoryMb + 100 }), StringComparison.Ordinal);
        Assert.Contains("not enough memory", Hypervisor.HotReconfigure(Web, 1, before with { MemoryMb = 2048 }), StringComparison.Ordinal);
        Assert.NotNull(Hypervisor.HotReconfigure(Web, 1, before with { Vcpus = 3 }));

        Assert.Equal(GuestMemoryMb * 2, Hypervisor.Used.MemoryMb);
    }

    [Fact]
    public void Only_the_running_instance_of_that_incarnation_is_reconfigured()
    {
        var before = Guest("web");
        Hypervisor.Start(Web, before, 2);

        Assert.NotNull(Hypervisor.HotReconfigure(Web, 1, before with { Vcpus = 2 }));
        Assert.NotNull(Hypervisor.HotReconfigure(Db, 1, before with { Vcpus = 2 }));
        Hypervisor.Stop(Web, graceful: false);
        Assert.NotNull(Hypervisor.HotReconfigure(Web, 2, before with { Vcpus = 2 }));
    }
}
