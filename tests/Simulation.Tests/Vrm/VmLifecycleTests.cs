using Cluster.Controller.Vrm;
using Cluster.Messages;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Vrm;

public sealed class VmLifecycleTests
{
    [Fact]
    public void A_vm_is_created_started_stopped_and_deleted_and_the_journal_says_so()
    {
        var cluster = Start();
        var vm = CreateVm(cluster, "db-1");
        Assert.Equal(VmPowerState.Stopped, vm.PowerState);

        var starting = cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        Assert.Equal(VmPowerState.Starting, starting.PowerState);
        cluster.Advance(TimeSpan.FromSeconds(1));
        var running = cluster.Ask<VmView>(new GetVm(vm.VmId));
        Assert.Equal(VmPowerState.Running, running.PowerState);
        Assert.NotNull(running.Host);

        cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: true));
        cluster.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(VmPowerState.Stopped, cluster.Ask<VmView>(new GetVm(vm.VmId)).PowerState);

        cluster.Ask<VmView>(new RemoveVm(vm.VmId));
        Assert.Equal(AdminFailureKind.NotFound, cluster.Ask<AdminFailure>(new GetVm(vm.VmId)).Kind);

        var vmEvents = cluster.JournalEvents().Where(e => e is VmCreated or VmPlaced or VmPowerStateChanged or VmDeleted).Select(e => e.GetType().Name).ToList();
        Assert.Equal(["VmCreated", "VmPlaced", "VmPowerStateChanged", "VmPowerStateChanged", "VmPowerStateChanged", "VmPowerStateChanged", "VmDeleted"], vmEvents);
    }

    [Fact]
    public void Bad_requests_are_refused_with_the_field_and_the_reason()
    {
        var cluster = Start();
        var invalid = cluster.Ask<AdminFailure>(new CreateVm(new CreateVmRequest("", 0, 4096, [new VmDisk(DatastoreId.From("ds-9"), 40)])));

        Assert.Equal(AdminFailureKind.Invalid, invalid.Kind);
        Assert.Contains(invalid.Error.Errors, e => e.Field == "name");
        Assert.Contains(invalid.Error.Errors, e => e.Field == "vcpus");
        Assert.Contains(invalid.Error.Errors, e => e.Field == "disks[0].datastore" && e.Reason.Contains("ds-9", StringComparison.Ordinal));
    }

    [Fact]
    public void Conflicts_are_refused()
    {
        var cluster = Start();
        var vm = CreateVm(cluster, "app-1");

        Assert.Equal(AdminFailureKind.Conflict, cluster.Ask<AdminFailure>(new CreateVm(new CreateVmRequest("app-1", 2, 1024, [new VmDisk(DatastoreId.From("ds-1"), 10)]))).Kind);
        Assert.Equal(AdminFailureKind.Conflict, cluster.Ask<AdminFailure>(new PowerOffVm(vm.VmId, true)).Kind);
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        Assert.Equal(AdminFailureKind.Conflict, cluster.Ask<AdminFailure>(new RemoveVm(vm.VmId)).Kind);
        Assert.Equal(AdminFailureKind.NotFound, cluster.Ask<AdminFailure>(new PowerOnVm(VmId.From("vm-9999"))).Kind);
    }

    [Fact]
    public void A_vm_too_big_for_every_host_is_refused_at_create_naming_the_field()
    {
        var cluster = Start(hosts: 2);

        var refusal = cluster.Ask<AdminFailure>(new CreateVm(new CreateVmRequest("huge", 2, 1_000_000, [new VmDisk(DatastoreId.From("ds-1"), 40)])));

        Assert.Equal(AdminFailureKind.Invalid, refusal.Kind);
        Assert.Equal("memoryMb", Assert.Single(refusal.Error.Errors).Field);
    }

    [Fact]
    public void A_vm_no_host_has_room_for_now_is_refused_at_start_with_each_hosts_reason()
    {
        var cluster = Start(hosts: 2);
        foreach (var name in new[] { "big-1", "big-2" })
        {
            cluster.Ask<VmView>(new PowerOnVm(CreateVm(cluster, name, memoryMb: 150_000).VmId));
        }

        var refusal = cluster.Ask<AdminFailure>(new PowerOnVm(CreateVm(cluster, "big-3", memoryMb: 150_000).VmId));

        Assert.Equal(AdminFailureKind.Conflict, refusal.Kind);
        Assert.Contains("host-1", refusal.Error.Message, StringComparison.Ordinal);
        Assert.Contains("host-2", refusal.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_with_a_stale_epoch_is_rejected_by_the_host()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "fenced");
        var epoch = cluster.Ask<LeaderInfo>(new GetLeader()).Epoch;
        var cna = cluster.CnaOf(HostId.From("host-1"));

        // A deposed controller's command, asked of the CNA directly: the answer comes at once, without time passing.
        var reply = cluster.World.Ask(cna, new StartVm(epoch - 1, 1, vm.VmId, new CreateVmRequest("fenced", 1, 512, [new VmDisk(DatastoreId.From("ds-1"), 1)]).ToSpec(), 1), TimeSpan.Zero);

        var rejected = Assert.IsType<StaleEpochRejected>(reply);
        Assert.Equal(epoch, rejected.SeenEpoch);
        Assert.Equal(epoch - 1, rejected.CommandEpoch);
        Assert.Empty(cluster.Hypervisor(HostId.From("host-1")).Report());
    }

    [Fact]
    public void A_vm_lost_in_a_host_power_cycle_shows_as_crashed_and_ha_starts_it_once_its_old_lease_expired()
    {
        var cluster = Start(hosts: 1);
        var vm = CreateVm(cluster, "svc");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(1));
        var lastRenewal = cluster.Now;
        cluster.CrashHost(HostId.From("host-1"));
        cluster.RestartHost(HostId.From("host-1"));
        cluster.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(VmPowerState.Crashed, cluster.Ask<VmView>(new GetVm(vm.VmId)).PowerState);

        // The lease of the lost instance must lapse (20 s) before any new instance may take the disks.
        AdvanceUntil(cluster, () => cluster.Ask<VmView>(new GetVm(vm.VmId)).PowerState == VmPowerState.Running, TimeSpan.FromMinutes(2));
        Assert.True(cluster.Now - lastRenewal >= TimeSpan.FromSeconds(15));
        Assert.Single(cluster.RunningInstances());
    }
}
