using Cluster.Controller.Vrm;
using Cluster.Messages;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Vrm;

public sealed class VmViewAndReconfigureTests
{
    private static readonly HostId Host1 = HostId.From("host-1");

    [Fact]
    public void A_vm_view_has_disks_qos_incarnation_and_the_hosts_it_ran_on_newest_first()
    {
        var cluster = Start(hosts: 2);
        var vm = CreateVm(cluster, "web-1");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(2));
        var first = cluster.Ask<VmView>(new GetVm(vm.VmId)).Host!.Value;
        cluster.CrashHost(first);
        AdvanceUntil(cluster, () => cluster.Ask<VmView>(new GetVm(vm.VmId)) is { PowerState: VmPowerState.Running } v && v.Host != first, TimeSpan.FromMinutes(2));

        var view = cluster.Ask<VmView>(new GetVm(vm.VmId));

        Assert.Equal([new VmDisk(DatastoreId.From("ds-1"), 40)], view.Disks);
        Assert.Equal(QosSpec.Default, view.CpuQos);
        Assert.Equal(2, view.Incarnation);
        Assert.Equal([(view.Host!.Value, 2L), (first, 1L)], view.HostHistory!.Select(h => (h.Host, h.Incarnation)));
        Assert.All(view.HostHistory!, h => Assert.NotNull(h.Since));
        Assert.True(view.HostHistory![0].Since > view.HostHistory[1].Since);
    }

    [Fact]
    public void A_stopped_vm_is_reconfigured_and_the_change_is_an_event()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "web-1");

        var changed = cluster.Ask<VmView>(new ReconfigureVm(vm.VmId, new ReconfigureVmRequest(HaEnabled: false, RestartPriority: RestartPriority.High, CpuQos: new QosSpec(2000, 500, null))));

        Assert.Equal((false, RestartPriority.High, new QosSpec(2000, 500, null)), (changed.HaEnabled, changed.RestartPriority, changed.CpuQos));
        var recorded = Assert.Single(cluster.JournalEvents().OfType<VmReconfigured>());
        Assert.False(recorded.Spec.HaEnabled);
        Assert.False(cluster.ActiveInventory().Vm(vm.VmId)!.Spec.HaEnabled);
    }

    [Fact]
    public void Reconfigure_is_refused_when_invalid_or_empty_or_the_vm_is_unknown()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "web-1");

        var invalid = cluster.Ask<AdminFailure>(new ReconfigureVm(vm.VmId, new ReconfigureVmRequest(MemoryQos: new QosSpec(0, 999_999, null))));
        Assert.Equal(AdminFailureKind.Invalid, invalid.Kind);
        Assert.Contains(invalid.Error.Errors, e => e.Field == "memoryQos.shares");
        Assert.Contains(invalid.Error.Errors, e => e.Field == "memoryQos.reservation");
        Assert.Equal(AdminFailureKind.Invalid, cluster.Ask<AdminFailure>(new ReconfigureVm(vm.VmId, new ReconfigureVmRequest())).Kind);
        Assert.Empty(cluster.JournalEvents().OfType<VmReconfigured>());
        Assert.Equal(AdminFailureKind.NotFound, cluster.Ask<AdminFailure>(new ReconfigureVm(VmId.From("vm-9999"), new ReconfigureVmRequest(HaEnabled: false))).Kind);
    }

    [Fact]
    public void A_running_vm_grows_on_its_hosts_hypervisor_and_the_inventory_records_the_size_the_host_confirmed()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "web-1");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(2));
        var memoryBefore = cluster.Hypervisor(Host1).Used.MemoryMb;

        var grown = cluster.Ask<VmView>(new ReconfigureVm(vm.VmId, new ReconfigureVmRequest(Vcpus: vm.Vcpus + 2, MemoryMb: vm.MemoryMb + 1024, AddNics: [new VmNic("vm-net")])));

        Assert.Equal((VmPowerState.Running, vm.Vcpus + 2, vm.MemoryMb + 1024), (grown.PowerState, grown.Vcpus, grown.MemoryMb));
        Assert.Equal([new VmNic("vm-net")], grown.Nics);
        Assert.Equal(memoryBefore + 1024, cluster.Hypervisor(Host1).Used.MemoryMb);
        Assert.Equal(vm.MemoryMb + 1024, Assert.Single(cluster.JournalEvents().OfType<VmReconfigured>()).Spec.MemoryMb);
        Assert.Equal(1, cluster.Ask<VmView>(new GetVm(vm.VmId)).Incarnation);
    }
}
