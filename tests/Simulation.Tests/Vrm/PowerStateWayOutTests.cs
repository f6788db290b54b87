using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Vrm;

/// <summary>For each power state the VM can be in, the way out an operator takes, end to end.</summary>
public sealed class PowerStateWayOutTests
{
    private static readonly HostId Host1 = HostId.From("host-1");

    private static VmView Vm(SimulatedCluster cluster, VmId id) => cluster.Ask<VmView>(new GetVm(id));

    private static VmView RunningOnHost1(SimulatedCluster cluster, bool ha = true)
    {
        var vm = cluster.Ask<VmView>(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)], HaEnabled: ha)));
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((VmPowerState.Running, Host1), (Vm(cluster, vm.VmId).PowerState, Vm(cluster, vm.VmId).Host));
        return vm;
    }

    [Fact]
    public void Stopped_starts_and_deletes()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "web-1");
        Assert.Equal(VmPowerState.Starting, cluster.Ask<VmView>(new PowerOnVm(vm.VmId)).PowerState);
        var other = CreateVm(cluster, "web-2");
        Assert.Equal(other.VmId, cluster.Ask<VmView>(new RemoveVm(other.VmId)).VmId);
    }

    [Fact]
    public void Running_on_a_reachable_host_stops_and_a_forced_stop_answers_the_final_state()
    {
        var cluster = Start(hosts: 1);
        var vm = RunningOnHost1(cluster);

        var answer = cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: false));

        Assert.Equal(VmPowerState.Stopped, answer.PowerState);
        Assert.Empty(cluster.RunningInstances());
    }

    [Fact]
    public void Starting_stops()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "web-1");
        Assert.Equal(VmPowerState.Starting, cluster.Ask<VmView>(new PowerOnVm(vm.VmId)).PowerState);

        cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: false));
        cluster.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(VmPowerState.Stopped, Vm(cluster, vm.VmId).PowerState);
    }

    [Fact]
    public void Crashed_stops_for_good_and_ha_leaves_it_stopped()
    {
        var cluster = Start(hosts: 1);
        var vm = RunningOnHost1(cluster);
        cluster.CrashGuest(Host1, vm.VmId);
        cluster.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(VmPowerState.Crashed, Vm(cluster, vm.VmId).PowerState);

        Assert.Equal(VmPowerState.Stopped, cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: false)).PowerState);
        cluster.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(VmPowerState.Stopped, Vm(cluster, vm.VmId).PowerState);
        Assert.Empty(cluster.RunningInstances());
    }

    [Fact]
    public void Stopping_on_a_dead_host_is_stopped_once_its_lease_lapsed_and_can_then_start_elsewhere_or_be_deleted()
    {
        var cluster = Start(hosts: 2);
        var vm = RunningOnHost1(cluster);
        cluster.CrashHost(Host1);

        Assert.Equal(VmPowerState.Stopping, cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: true)).PowerState);
        Assert.Equal(AdminFailureKind.Conflict, cluster.Ask<AdminFailure>(new PowerOnVm(vm.VmId)).Kind);
        AdvanceUntil(cluster, () => Vm(cluster, vm.VmId).PowerState == VmPowerState.Stopped, TimeSpan.FromMinutes(1));

        // The operator stopped it: HA must not have restarted it, and nothing runs.
        Assert.Empty(cluster.JournalEvents().OfType<HaRestartPlanned>());
        Assert.Empty(cluster.RunningInstances());
        Assert.Equal(VmPowerState.Starting, cluster.Ask<VmView>(new PowerOnVm(vm.VmId)).PowerState);
    }

    [Fact]
    public void Stopping_on_an_isolated_host_that_still_renews_its_lease_stays_stopping_with_an_alarm_until_the_host_confirms()
    {
        var cluster = Start(hosts: 2);
        var vm = RunningOnHost1(cluster, ha: false);
        cluster.PartitionManagement(Host1);
        cluster.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HostState.Faulty, StateOf(cluster, "host-1"));

        // A forced stop cannot be confirmed: it answers Stopping (202 on the API) and the alarm says why.
        Assert.Equal(VmPowerState.Stopping, cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: false)).PowerState);
        cluster.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(VmPowerState.Stopping, Vm(cluster, vm.VmId).PowerState);
        var alarm = Assert.Single(cluster.Ask<AlarmList>(new ListAlarms()).Alarms, a => a.Kind == AlarmKinds.VmStopUnconfirmed);
        Assert.Contains("may be running", alarm.Text, StringComparison.Ordinal);
        Assert.Single(cluster.RunningInstances());

        cluster.HealNetwork();
        AdvanceUntil(cluster, () => Vm(cluster, vm.VmId).PowerState == VmPowerState.Stopped, TimeSpan.FromSeconds(30));
        Assert.Empty(cluster.RunningInstances());
        Assert.DoesNotContain(cluster.Ask<AlarmList>(new ListAlarms()).Alarms, a => a.Kind == AlarmKinds.VmStopUnconfirmed);
    }

    [Fact]
    public void Running_with_ha_off_on_a_dead_host_is_stopped_by_the_operator_once_its_lease_lapsed()
    {
        var cluster = Start(hosts: 2);
        var vm = RunningOnHost1(cluster, ha: false);
        cluster.CrashHost(Host1);
        cluster.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(VmPowerState.Running, Vm(cluster, vm.VmId).PowerState);

        Assert.Equal(VmPowerState.Stopped, cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: false)).PowerState);
        Assert.Equal(vm.VmId, cluster.Ask<VmView>(new RemoveVm(vm.VmId)).VmId);
    }
}
