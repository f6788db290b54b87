using Cluster.Controller.Vrm;
using Cluster.HostNode.Cna;
using Cluster.Messages;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Ha;

public sealed class HaTests
{
    private static readonly HostId Host1 = HostId.From("host-1");

    /// <summary>Three hosts; two HA VMs started, both placed on host-1 by filling the others first.</summary>
    private static (SimulatedCluster Cluster, List<VmId> Vms) ClusterWithVmsOnHost1()
    {
        var cluster = Start(hosts: 3);
        var vms = new List<VmId>();
        for (var i = 0; i < 6; i++)
        {
            var vm = CreateVm(cluster, $"vm-{i}");
            cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
            vms.Add(vm.VmId);
        }

        cluster.Advance(TimeSpan.FromSeconds(6));
        var onHost1 = cluster.Ask<VmList>(new ListVms()).Vms.Where(v => v.Host == Host1).Select(v => v.VmId).ToList();
        Assert.NotEmpty(onHost1);
        return (cluster, onHost1);
    }

    private static void AssertNeverTwice(SimulatedCluster cluster)
    {
        var doubles = cluster.RunningInstances().GroupBy(i => i.Vm).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(doubles.Count == 0, $"running twice: {string.Join(", ", doubles)}");
    }

    private static IEnumerable<VmView> Vms(SimulatedCluster cluster, IEnumerable<VmId> ids) =>
        ids.Select(id => cluster.Ask<VmView>(new GetVm(id)));

    [Fact]
    public void The_vms_of_a_crashed_host_are_restarted_on_other_hosts()
    {
        var (cluster, onHost1) = ClusterWithVmsOnHost1();
        cluster.CrashHost(Host1);

        AdvanceUntil(cluster, () => Vms(cluster, onHost1).All(v => v.PowerState == VmPowerState.Running && v.Host != Host1), TimeSpan.FromMinutes(2));

        AssertNeverTwice(cluster);
        Assert.Equal(onHost1.Count, cluster.JournalEvents().OfType<HaRestartPlanned>().Count());
    }

    [Fact]
    public void A_management_only_partition_restarts_nothing_and_reports_the_vms_as_running_on_an_isolated_host()
    {
        var (cluster, onHost1) = ClusterWithVmsOnHost1();
        cluster.PartitionManagement(Host1);
        cluster.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(HostState.Faulty, StateOf(cluster, "host-1"));
        Assert.Empty(cluster.JournalEvents().OfType<HaRestartPlanned>());
        Assert.Equal(onHost1.Order(), cluster.JournalEvents().OfType<VmRunningOnIsolatedHost>().Select(e => e.VmId).Order());
        Assert.All(onHost1, vm => Assert.Contains(cluster.RunningInstances(), i => i.Vm == vm && i.Host == Host1));
        AssertNeverTwice(cluster);

        cluster.HealNetwork();
        AdvanceUntil(cluster, () => StateOf(cluster, "host-1") == HostState.Normal, TimeSpan.FromSeconds(10));
        Assert.All(Vms(cluster, onHost1), v => Assert.Equal(Host1, v.Host));
    }

    [Fact]
    public void A_host_that_loses_only_storage_fences_its_vms_and_they_restart_elsewhere()
    {
        var (cluster, onHost1) = ClusterWithVmsOnHost1();
        cluster.LoseStorage(Host1);

        AdvanceUntil(cluster, () => Vms(cluster, onHost1).All(v => v.PowerState == VmPowerState.Running && v.Host != Host1), TimeSpan.FromMinutes(3));

        AssertNeverTwice(cluster);
        Assert.Equal(HostState.Normal, StateOf(cluster, "host-1"));
        Assert.DoesNotContain(cluster.RunningInstances(), i => i.Host == Host1 && onHost1.Contains(i.Vm));
    }

    [Fact]
    public void A_fully_isolated_host_fences_before_ha_restarts_so_no_vm_ever_runs_twice()
    {
        var (cluster, onHost1) = ClusterWithVmsOnHost1();
        cluster.PartitionManagement(Host1);
        cluster.LoseStorage(Host1);

        for (var i = 0; i < 120; i++)
        {
            cluster.Advance(TimeSpan.FromSeconds(1));
            AssertNeverTwice(cluster);
        }

        Assert.All(Vms(cluster, onHost1), v => Assert.NotEqual(Host1, v.Host));
        Assert.All(Vms(cluster, onHost1), v => Assert.Equal(VmPowerState.Running, v.PowerState));
    }

    [Fact]
    public void When_the_old_host_returns_after_the_restart_its_stale_instances_are_killed()
    {
        var (cluster, onHost1) = ClusterWithVmsOnHost1();
        cluster.PartitionManagement(Host1);
        cluster.LoseStorage(Host1);
        cluster.Advance(TimeSpan.FromMinutes(2));

        // Heal everything: the old host is back, with its (fenced) old instances.
        cluster.HealNetwork();
        cluster.RestoreStorage(Host1);
        cluster.Advance(TimeSpan.FromSeconds(30));

        AssertNeverTwice(cluster);
        Assert.Equal(HostState.Normal, StateOf(cluster, "host-1"));
        Assert.All(Vms(cluster, onHost1), v => Assert.Equal(VmPowerState.Running, v.PowerState));
        Assert.DoesNotContain(cluster.Hypervisor(Host1).Report(), r => onHost1.Contains(r.VmId) && r.PowerState == VmPowerState.Running);
    }

    [Fact]
    public void A_crashed_guest_is_restarted_in_place_after_the_timeout()
    {
        var (cluster, onHost1) = ClusterWithVmsOnHost1();
        var vm = onHost1[0];
        cluster.CrashGuest(Host1, vm);
        cluster.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(VmPowerState.Crashed, cluster.Ask<VmView>(new GetVm(vm)).PowerState);

        AdvanceUntil(cluster, () => cluster.Ask<VmView>(new GetVm(vm)).PowerState == VmPowerState.Running, TimeSpan.FromSeconds(30));
        Assert.Equal(Host1, cluster.Ask<VmView>(new GetVm(vm)).Host);
        Assert.Contains(cluster.JournalEvents().OfType<HaRestartPlanned>(), e => e.VmId == vm && e.TargetHost == Host1);
    }

    [Theory]
    [InlineData(IsolationResponse.PowerOff)]
    [InlineData(IsolationResponse.Shutdown)]
    public void An_isolated_host_applies_its_isolation_response_and_ha_restarts_the_vms_elsewhere(IsolationResponse response)
    {
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Hosts =
            [
                SimulatedHostSpec.Standard("host-1", "ds-1") with { IsolationResponse = response },
                SimulatedHostSpec.Standard("host-2", "ds-1"),
            ],
        });
        cluster.Advance(TimeSpan.FromSeconds(10));
        cluster.Ask<object>(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 1000));
        var vm = CreateVm(cluster, "isolated-1");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Host1, cluster.Ask<VmView>(new GetVm(vm.VmId)).Host);

        cluster.PartitionManagement(Host1);
        cluster.Advance(TimeSpan.FromSeconds(20));

        // Isolation is noticed (controllers silent 10 s, gateway silent) and the VM is stopped there...
        Assert.DoesNotContain(cluster.RunningInstances(), i => i.Vm == vm.VmId);

        // ...and, its lease released, HA restarts it as soon as the host is declared faulty.
        AdvanceUntil(cluster, () => cluster.Ask<VmView>(new GetVm(vm.VmId)) is { PowerState: VmPowerState.Running } v && v.Host != Host1, TimeSpan.FromMinutes(1));
        AssertNeverTwice(cluster);
    }

    [Fact]
    public void A_host_that_can_still_reach_its_isolation_address_is_not_isolated()
    {
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Hosts = [SimulatedHostSpec.Standard("host-1", "ds-1") with { IsolationResponse = IsolationResponse.PowerOff }],
        });
        cluster.Advance(TimeSpan.FromSeconds(10));
        cluster.Ask<object>(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 1000));
        var vm = CreateVm(cluster, "kept");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(5));

        // Only the controllers are gone (both crash); the management network itself is fine.
        foreach (var controller in cluster.ControllerNames)
        {
            cluster.CrashController(controller);
        }

        cluster.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(cluster.RunningInstances(), i => i.Vm == vm.VmId);
    }
}
