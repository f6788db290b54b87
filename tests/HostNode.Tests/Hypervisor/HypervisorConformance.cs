using Cluster.HostNode.Hypervisor;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Hypervisor;

/// <summary>
/// What every <see cref="IHypervisor"/> backend must do, as the CNA relies on it: one subclass per backend (the simulated
/// one now, QEMU next). The cases use the contract only; what differs per backend (making one, crashing a guest, the disks
/// a guest boots from) is behind the abstract and virtual members. The host allotment is the suite's own and small
/// (<see cref="Allotment"/>: 2 vCPUs and 2048 MB usable) and guests are 512 MB, so a real backend can run it on a test machine.
/// Live migration's cases are in HypervisorConformance.Migration.cs, with a second backend instance as the target.
/// </summary>
public abstract partial class HypervisorConformance
{
    protected const long GuestMemoryMb = 512;

    /// <summary>2 vCPUs and 2048 MB usable once the host's own reserve (2 vCPUs, 4096 MB) is set aside.</summary>
    protected static readonly HostHardware Allotment = new(Sockets: 1, CoresPerSocket: 4, ThreadsPerCore: 1, ClockMhz: 2000, MemoryMb: 6144);

    protected static readonly VmId Web = VmId.From("vm-0001");
    protected static readonly VmId Db = VmId.From("vm-0002");
    protected static readonly VmId App = VmId.From("vm-0003");

    private IHypervisor? _hypervisor;

    protected IHypervisor Hypervisor => _hypervisor ??= Create(Allotment);

    [Fact]
    public void The_host_reports_the_hardware_it_was_given()
    {
        Assert.Equal(Allotment, Hypervisor.Hardware);
    }

    [Fact]
    public void A_started_guest_is_reported_running_with_its_incarnation()
    {
        Assert.Null(Hypervisor.Start(Web, Guest("web"), 3));

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 3)], Hypervisor.Report());
    }

    [Fact]
    public void Starting_a_running_guest_again_as_the_same_incarnation_succeeds_without_a_second_instance()
    {
        Hypervisor.Start(Web, Guest("web"), 3);

        Assert.Null(Hypervisor.Start(Web, Guest("web"), 3));

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 3)], Hypervisor.Report());
        Assert.Equal(GuestMemoryMb, Hypervisor.Used.MemoryMb);
    }

    [Fact]
    public void Starting_a_running_guest_as_another_incarnation_is_refused_and_the_running_one_is_kept()
    {
        Hypervisor.Start(Web, Guest("web"), 3);

        Assert.NotNull(Hypervisor.Start(Web, Guest("web"), 4));

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 3)], Hypervisor.Report());
    }

    [Fact]
    public void A_start_that_would_exceed_the_usable_memory_is_refused_and_starts_nothing()
    {
        Hypervisor.Start(Web, Guest("web"), 1);
        Hypervisor.Start(Db, Guest("db"), 1);
        Hypervisor.Start(App, Guest("app"), 1);

        Assert.NotNull(Hypervisor.Start(VmId.From("vm-0004"), Guest("big", memoryMb: 2 * GuestMemoryMb), 1));

        Assert.Equal([Web, Db, App], RunningGuests().Order());
        Assert.Equal(3 * GuestMemoryMb, Hypervisor.Used.MemoryMb);
    }

    [Fact]
    public void The_memory_of_a_stopped_guest_can_be_used_by_another()
    {
        Hypervisor.Start(Web, Guest("web"), 1);
        Hypervisor.Start(Db, Guest("db"), 1);
        Hypervisor.Start(App, Guest("app"), 1);
        Hypervisor.Stop(App, graceful: false);

        Assert.Null(Hypervisor.Start(VmId.From("vm-0004"), Guest("big", memoryMb: 2 * GuestMemoryMb), 1));
    }

    [Fact]
    public void A_guest_with_more_vcpus_than_the_host_can_use_is_refused()
    {
        Assert.NotNull(Hypervisor.Start(Web, Guest("web", vcpus: Allotment.UsableVcpus + 1), 1));

        Assert.Empty(RunningGuests());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_stopped_guest_stays_reported_stopped_with_its_incarnation_and_uses_nothing(bool graceful)
    {
        Hypervisor.Start(Web, Guest("web"), 2);

        Assert.Null(Hypervisor.Stop(Web, graceful));

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Stopped, 2)], Hypervisor.Report());
        Assert.Equal(0, Hypervisor.Used.MemoryMb);
    }

    [Fact]
    public void Stopping_a_stopped_guest_again_succeeds_so_a_retried_stop_is_accepted()
    {
        Hypervisor.Start(Web, Guest("web"), 2);
        Hypervisor.Stop(Web, graceful: true);

        Assert.Null(Hypervisor.Stop(Web, graceful: true));
    }

    [Fact]
    public void Stopping_a_guest_that_is_not_on_the_host_is_refused()
    {
        Assert.NotNull(Hypervisor.Stop(Web, graceful: true));
    }

    [Fact]
    public void A_stopped_guest_starts_again_as_a_new_incarnation()
    {
        Hypervisor.Start(Web, Guest("web"), 2);
        Hypervisor.Stop(Web, graceful: true);

        Assert.Null(Hypervisor.Start(Web, Guest("web"), 3));

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 3)], Hypervisor.Report());
    }

    [Fact]
    public void A_running_guest_is_deleted_only_once_stopped_and_is_then_no_longer_reported()
    {
        Hypervisor.Start(Web, Guest("web"), 1);

        var whileRunning = Hypervisor.Delete(Web);
        Hypervisor.Stop(Web, graceful: true);
        var onceStopped = Hypervisor.Delete(Web);

        Assert.NotNull(whileRunning);
        Assert.Null(onceStopped);
        Assert.Empty(Hypervisor.Report());
    }

    [Fact]
    public void Deleting_a_guest_that_is_not_on_the_host_succeeds_so_a_retried_delete_is_accepted()
    {
        Assert.Null(Hypervisor.Delete(Web));
    }

    [Fact]
    public void Killing_an_incarnation_removes_that_instance_and_leaves_another_incarnation_running()
    {
        Hypervisor.Start(Web, Guest("web"), 2);
        Hypervisor.Start(Db, Guest("db"), 5);

        Hypervisor.KillIncarnation(Web, 1);
        Hypervisor.KillIncarnation(Db, 5);

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 2)], Hypervisor.Report());
        Assert.Equal(GuestMemoryMb, Hypervisor.Used.MemoryMb);
    }

    [Fact]
    public void A_fenced_guest_is_powered_off_at_once_and_reported_crashed()
    {
        Hypervisor.Start(Web, Guest("web"), 2);

        Hypervisor.Fence(Web);

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Crashed, 2)], Hypervisor.Report());
        Assert.Equal(0, Hypervisor.Used.MemoryMb);
    }

    [Fact]
    public void Fencing_or_killing_a_guest_that_is_not_on_the_host_changes_nothing()
    {
        Hypervisor.Start(Web, Guest("web"), 2);

        Hypervisor.Fence(Db);
        Hypervisor.KillIncarnation(Db, 1);

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 2)], Hypervisor.Report());
    }

    [Fact]
    public void A_guest_that_crashed_is_reported_crashed_uses_nothing_and_starts_again_as_a_new_incarnation()
    {
        Hypervisor.Start(Web, Guest("web"), 2);

        CrashGuest(Web);
        var crashed = Hypervisor.Report();
        var used = Hypervisor.Used;
        var restart = Hypervisor.Start(Web, Guest("web"), 3);

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Crashed, 2)], crashed);
        Assert.Equal(0, used.MemoryMb);
        Assert.Null(restart);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 3)], Hypervisor.Report());
    }

    [Fact]
    public void Usage_is_none_without_running_guests_and_counts_the_memory_of_running_guests_only()
    {
        var idle = Hypervisor.Used;
        Hypervisor.Start(Web, Guest("web"), 1);
        Hypervisor.Start(Db, Guest("db"), 1);
        var two = Hypervisor.Used;
        Hypervisor.Stop(Db, graceful: false);
        var one = Hypervisor.Used;

        Assert.Equal(new Resources(0, 0), idle);
        Assert.Equal(2 * GuestMemoryMb, two.MemoryMb);
        Assert.InRange(two.CpuMhz, 0, Allotment.CpuCapacityMhz);
        Assert.Equal(GuestMemoryMb, one.MemoryMb);
    }

    [Fact]
    public void A_report_already_handed_out_does_not_change_when_the_guests_do()
    {
        Hypervisor.Start(Web, Guest("web"), 1);
        var before = Hypervisor.Report();
        var copy = before.ToList();

        Hypervisor.Stop(Web, graceful: false);
        Hypervisor.Start(Db, Guest("db"), 1);

        Assert.Equal(copy, before);
    }

    /// <summary>A backend with <paramref name="hardware"/> as its host's allotment and no guests.</summary>
    protected abstract IHypervisor Create(HostHardware hardware);

    /// <summary>Makes <paramref name="vm"/>'s running guest crash as a real one can (its process killed, a guest panic); returns once the backend reports it.</summary>
    protected abstract void CrashGuest(VmId vm);

    /// <summary>A guest small enough for any test machine; a backend that boots real disks overrides it to give ones it can boot.</summary>
    protected virtual VmSpec Guest(string name, int vcpus = 1, long memoryMb = GuestMemoryMb) =>
        new(name, vcpus, memoryMb, [new VmDisk(DatastoreId.From("ds-1"), 1)], QosSpec.Default, QosSpec.Default, HaEnabled: true, RestartPriority.Medium, CpuFeatureSet.None);

    private List<VmId> RunningGuests() => [.. Hypervisor.Report().Where(r => r.PowerState == VmPowerState.Running).Select(r => r.VmId)];
}
