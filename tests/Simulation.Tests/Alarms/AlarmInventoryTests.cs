using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Alarms;

public sealed class AlarmInventoryTests
{
    private static readonly HostId Host1 = HostId.From("host-1");

    private static IReadOnlyList<AlarmView> Active(SimulatedCluster cluster) => cluster.Ask<AlarmList>(new ListAlarms()).Alarms;

    private static VmView RunningOnHost1(SimulatedCluster cluster)
    {
        var vm = CreateVm(cluster, "web-1");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(2));
        var running = cluster.Ask<VmView>(new GetVm(vm.VmId));
        Assert.Equal(Host1, running.Host);
        return running;
    }

    [Fact]
    public void A_vm_isolated_alarm_is_raised_once_even_across_a_controller_takeover_and_clears_when_the_host_is_back()
    {
        var cluster = Start(hosts: 1);
        var vm = RunningOnHost1(cluster);
        cluster.PartitionManagement(Host1);
        cluster.Advance(TimeSpan.FromMinutes(1));
        var isolated = Assert.Single(Active(cluster), a => a.Kind == AlarmKinds.VmIsolated);
        Assert.Equal(AlarmObject.Vm(vm.VmId), isolated.Object);

        cluster.CrashController(cluster.ActiveController!);
        AdvanceUntil(cluster, () => cluster.ActiveController is not null, TimeSpan.FromSeconds(30));
        cluster.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(cluster.JournalEvents().OfType<AlarmRaised>(), a => a.Kind == AlarmKinds.VmIsolated);
        Assert.Single(cluster.JournalEvents().OfType<VmRunningOnIsolatedHost>());
        Assert.Equal(isolated.AlarmId, Assert.Single(Active(cluster), a => a.Kind == AlarmKinds.VmIsolated).AlarmId);

        cluster.HealNetwork();
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(Active(cluster));
        var cleared = cluster.Ask<AlarmView>(new GetAlarm(isolated.AlarmId));
        Assert.False(cleared.Active);
        Assert.Contains("host-1 is Normal", cleared.ClearReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_faulty_alarm_is_acknowledged_without_clearing_and_clears_when_the_host_is_normal_again()
    {
        var cluster = Start(hosts: 2);
        cluster.CrashHost(Host1);
        cluster.Advance(TimeSpan.FromMinutes(1));
        var faulty = Assert.Single(Active(cluster));
        Assert.Equal((AlarmKinds.HostFaulty, AlarmObject.Host(Host1), AlarmSeverity.Major, 1), (faulty.Kind, faulty.Object, faulty.Severity, faulty.Count));

        var acknowledged = cluster.Ask<AlarmView>(new AcknowledgeAlarm(faulty.AlarmId, "alice"));
        Assert.True(acknowledged.Active);
        Assert.Equal("alice", acknowledged.AcknowledgedBy);
        Assert.Single(cluster.JournalEvents().OfType<AlarmAcknowledged>());

        cluster.RestartHost(Host1);
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(Active(cluster));
        Assert.Equal(AdminFailureKind.Conflict, cluster.Ask<AdminFailure>(new AcknowledgeAlarm(faulty.AlarmId, "alice")).Kind);
        Assert.Equal(AdminFailureKind.NotFound, cluster.Ask<AdminFailure>(new AcknowledgeAlarm("alarm-9999", "alice")).Kind);

        // The same condition again is a new occurrence.
        cluster.CrashHost(Host1);
        cluster.Advance(TimeSpan.FromMinutes(1));
        var again = Assert.Single(Active(cluster));
        Assert.NotEqual(faulty.AlarmId, again.AlarmId);
        Assert.Null(again.AcknowledgedBy);
        Assert.Equal(2, cluster.Ask<AlarmList>(new ListAlarms(IncludeCleared: true)).Alarms.Count);
    }

    [Fact]
    public void A_new_controller_rebuilds_the_alarm_inventory_from_the_journal()
    {
        var cluster = Start(hosts: 2);
        cluster.CrashHost(Host1);
        cluster.Advance(TimeSpan.FromMinutes(1));
        var before = Active(cluster);

        cluster.CrashController(cluster.ActiveController!);
        AdvanceUntil(cluster, () => cluster.ActiveController is not null, TimeSpan.FromSeconds(30));

        Assert.Equal(before, Active(cluster));
        Assert.Single(cluster.JournalEvents().OfType<AlarmRaised>());
    }
}
