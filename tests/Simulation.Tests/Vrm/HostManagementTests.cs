using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Vrm;

public sealed class HostManagementTests
{
    private static readonly HostId Host1 = HostId.From("host-1");

    private static HostRegister Register(string id, string address) =>
        new(HostId.From(id), address, new HostHardware(2, 10, 2, 2600, 262_144), CpuFeatureSet.None, [DatastoreId.From("ds-1")]);

    [Fact]
    public void A_host_with_vms_or_a_heartbeating_one_is_not_removed_and_the_refusal_says_why()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "web-1");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(2));

        var withVms = cluster.Ask<AdminFailure>(new RemoveHost(Host1));
        Assert.Equal(AdminFailureKind.Conflict, withVms.Kind);
        Assert.Contains($"{vm.VmId} (web-1, Running)", withVms.Error.Message, StringComparison.Ordinal);

        cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: false));
        var normal = cluster.Ask<AdminFailure>(new RemoveHost(Host1));
        Assert.Contains("Normal and heartbeating", normal.Error.Message, StringComparison.Ordinal);
        Assert.Equal(AdminFailureKind.NotFound, cluster.Ask<AdminFailure>(new RemoveHost(HostId.From("host-9"))).Kind);
    }

    [Fact]
    public void A_faulty_host_without_vms_is_removed_its_alarm_clears_and_its_heartbeats_do_not_bring_it_back_but_a_registration_does()
    {
        var cluster = Start(hosts: 2);
        cluster.PartitionManagement(Host1);
        cluster.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HostState.Faulty, StateOf(cluster, "host-1"));

        cluster.Ask<HostView>(new RemoveHost(Host1));
        Assert.Null(cluster.ActiveInventory().Host(Host1));
        Assert.Empty(cluster.Ask<AlarmList>(new ListAlarms()).Alarms);

        // Heartbeats of a removed host are refused: it stays out.
        cluster.HealNetwork();
        cluster.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(cluster.ActiveInventory().Host(Host1));

        // A restarted agent registers explicitly and is back.
        cluster.CrashHost(Host1);
        cluster.RestartHost(Host1);
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HostState.Normal, StateOf(cluster, "host-1"));
    }

    [Fact]
    public void A_second_host_at_the_same_address_and_an_invalid_host_id_are_refused_with_the_reason()
    {
        var cluster = Start(hosts: 1);
        var address = cluster.ActiveInventory().Host(Host1)!.Address;

        var duplicate = cluster.Ask<HostRegistrationRefused>(Register("host-2", address));
        Assert.Contains($"already registered to host {Host1}", duplicate.Reason, StringComparison.Ordinal);

        var invalid = cluster.Ask<HostRegistrationRefused>(Register("H_1!", "somewhere-else"));
        Assert.Contains("lower-case letters, digits and '-'", invalid.Reason, StringComparison.Ordinal);
        Assert.Single(cluster.ActiveInventory().Hosts);
    }

    [Fact]
    public void A_host_that_cannot_reach_its_storage_reports_it_gets_no_vm_on_it_and_shows_it()
    {
        var cluster = Start(hosts: 2);
        cluster.LoseStorage(Host1);
        cluster.Advance(TimeSpan.FromSeconds(10));

        var host1 = cluster.Ask<HostView>(new GetHost(Host1));
        Assert.All(host1.Datastores!, d => Assert.False(d.Reachable));
        Assert.Equal([DatastoreId.From("ds-1"), DatastoreId.From("ds-2")], cluster.ActiveInventory().Host(Host1)!.UnreachableDatastores);
        Assert.Single(cluster.Ask<AlarmList>(new ListAlarms()).Alarms, a => a.Kind == AlarmKinds.DatastoreUnreachable && a.Object == AlarmObject.Host(Host1));

        for (var i = 0; i < 4; i++)
        {
            var vm = CreateVm(cluster, $"web-{i}");
            Assert.Equal(HostId.From("host-2"), cluster.Ask<VmView>(new PowerOnVm(vm.VmId)).Host);
        }

        cluster.RestoreStorage(Host1);
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.All(cluster.Ask<HostView>(new GetHost(Host1)).Datastores!, d => Assert.True(d.Reachable));
        Assert.DoesNotContain(cluster.Ask<AlarmList>(new ListAlarms()).Alarms, a => a.Kind == AlarmKinds.DatastoreUnreachable);
    }

    [Fact]
    public void Host_views_carry_usage_from_heartbeats_apart_from_reservations_and_the_last_heartbeat()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "web-1");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(4));

        var host = cluster.Ask<HostView>(new GetHost(Host1));
        Assert.True(host.Used!.Value.MemoryMb > 0);
        Assert.Equal(0, host.Allocated.CpuMhz);
        Assert.NotNull(host.LastHeartbeat);
        Assert.Equal([vm.VmId], host.Vms);
        Assert.NotNull(host.Hardware);
    }
}
