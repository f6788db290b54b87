using Cluster.Controller.Vrm;
using Cluster.Controller.Vrm.Vms;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// Reconfiguring a running VM live: HA settings at once; what the guest sees goes to its host, checked first (no
/// hot-remove, the memory grain, room as placement counts it) and recorded only once the host confirms.
/// </summary>
public sealed class VrmDeciderHotReconfigureTests
{
    private static readonly Peer Operator = VrmDeciderHarness.Operator;

    private readonly VrmDeciderHarness _vrm = new();

    [Fact]
    public void A_hot_add_goes_to_the_host_and_is_recorded_only_once_the_host_confirms()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var sent = _vrm.At(1).Ask(Grow(vm, vcpus: 4, memoryMb: 8192));

        Assert.Empty(sent.Events);
        Assert.Empty(sent.SentTo<VmView>(Operator));
        var command = sent.SentTo<HotReconfigureVm>(HostPeer(host)).Single();
        Assert.Equal((VrmDeciderHarness.Epoch, vm, 1L, 4, 8192L), (command.Epoch, command.VmId, command.Incarnation, command.Spec.Vcpus, command.Spec.MemoryMb));

        var confirmed = _vrm.At(2).Send(new CommandAccepted(command.CommandId), HostPeer(host));

        Assert.Equal((4, 8192L), (confirmed.EventsOf<VmReconfigured>().Single().Spec.Vcpus, confirmed.EventsOf<VmReconfigured>().Single().Spec.MemoryMb));
        Assert.Equal((4, 8192L), (confirmed.ReplyTo<VmView>(Operator).Vcpus, confirmed.ReplyTo<VmView>(Operator).MemoryMb));
        Assert.Equal(8192, _vrm.Ask(new GetHost(host)).ReplyTo<HostView>(Operator).Allocated.MemoryMb);
    }

    [Fact]
    public void Ha_and_priority_of_a_running_vm_change_at_once_without_asking_the_host()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var step = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(HaEnabled: false, RestartPriority: RestartPriority.High)));

        var spec = step.EventsOf<VmReconfigured>().Single().Spec;
        Assert.Equal((false, RestartPriority.High), (spec.HaEnabled, spec.RestartPriority));
        Assert.Empty(step.SentTo<HotReconfigureVm>(HostPeer(host)));
        Assert.False(step.ReplyTo<VmView>(Operator).HaEnabled);
    }

    [Fact]
    public void A_qos_change_of_a_running_vm_is_enforced_by_its_host_before_it_is_recorded()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var step = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(CpuQos: new QosSpec(2000, 1000, 4000))));

        Assert.Empty(step.Events);
        Assert.Equal(new QosSpec(2000, 1000, 4000), step.SentTo<HotReconfigureVm>(HostPeer(host)).Single().Spec.CpuQos);
    }

    [Theory]
    [InlineData(1, 4096, "vcpus", "vCPUs are not hot-removed")]
    [InlineData(2, 2048, "memoryMb", "memory is not hot-removed")]
    public void Hot_remove_is_refused_naming_the_field(int vcpus, long memoryMb, string field, string reason)
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var step = _vrm.Ask(Grow(vm, vcpus, memoryMb));

        var failure = step.ReplyTo<AdminFailure>(Operator);
        Assert.Equal(AdminFailureKind.Conflict, failure.Kind);
        Assert.Equal(field, Assert.Single(failure.Error.Errors).Field);
        Assert.Contains(reason, failure.Error.Message, StringComparison.Ordinal);
        Assert.Empty(step.SentTo<HotReconfigureVm>(HostPeer(host)));
    }

    [Fact]
    public void Memory_that_is_not_a_multiple_of_the_hot_add_grain_is_refused_naming_memory()
    {
        var (vm, _) = _vrm.ClusterWithRunningVm();

        var failure = _vrm.Ask(Grow(vm, 2, 4096 + 100)).ReplyTo<AdminFailure>(Operator);

        Assert.Equal(AdminFailureKind.Invalid, failure.Kind);
        Assert.Equal("memoryMb", Assert.Single(failure.Error.Errors).Field);
        Assert.Contains("multiples of 128 MB", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_vm_shrinks_and_grows_at_once_without_a_host()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        _vrm.Ask(new PowerOffVm(vm, Graceful: false));
        _vrm.Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Stopped, 1));

        var step = _vrm.Ask(Grow(vm, vcpus: 1, memoryMb: 1000));

        Assert.Equal((1, 1000L), (step.EventsOf<VmReconfigured>().Single().Spec.Vcpus, step.EventsOf<VmReconfigured>().Single().Spec.MemoryMb));
        Assert.Empty(step.SentTo<HotReconfigureVm>(HostPeer(host)));
    }

    [Fact]
    public void A_disk_grows_live_but_never_shrinks_even_stopped()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var grown = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(Disks: [new DiskGrowth(0, 80)])));
        var shrunk = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(Disks: [new DiskGrowth(0, 20)]))).ReplyTo<AdminFailure>(Operator);
        var missing = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(Disks: [new DiskGrowth(3, 80)]))).ReplyTo<AdminFailure>(Operator);

        Assert.Equal(80, grown.SentTo<HotReconfigureVm>(HostPeer(host)).Single().Spec.Disks[0].SizeGb);
        Assert.Equal("disks[0].sizeGb", Assert.Single(shrunk.Error.Errors).Field);
        Assert.Contains("never shrunk", shrunk.Error.Message, StringComparison.Ordinal);
        Assert.Equal("disks[0].index", Assert.Single(missing.Error.Errors).Field);
    }

    [Fact]
    public void A_disk_growth_past_what_the_datastore_has_left_beside_running_vms_is_refused_naming_disks()
    {
        var (vm, _) = _vrm.ClusterWithRunningVm();
        var db = _vrm.Ask(new CreateVm(new CreateVmRequest("db-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 9_000)]))).ReplyTo<VmView>(Operator).VmId;
        _vrm.Ask(new PowerOnVm(db));

        var failure = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(Disks: [new DiskGrowth(0, 2_000)]))).ReplyTo<AdminFailure>(Operator);

        Assert.Equal(AdminFailureKind.Conflict, failure.Kind);
        Assert.Equal("disks", Assert.Single(failure.Error.Errors).Field);
        Assert.Contains("datastore ds-1", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_vms_disk_grows_at_once_but_not_past_what_its_datastore_can_ever_hold()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        _vrm.Ask(new PowerOffVm(vm, Graceful: false));
        _vrm.Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Stopped, 1));

        var grown = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(Disks: [new DiskGrowth(0, 80)])));
        var tooLarge = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(Disks: [new DiskGrowth(0, 10_001)]))).ReplyTo<AdminFailure>(Operator);

        Assert.Equal(80, grown.EventsOf<VmReconfigured>().Single().Spec.Disks[0].SizeGb);
        Assert.Equal((AdminFailureKind.Invalid, "disks[0].sizeGb"), (tooLarge.Kind, Assert.Single(tooLarge.Error.Errors).Field));
    }

    [Fact]
    public void A_nic_is_added_live_and_shown_once_the_host_confirms()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var command = _vrm.Ask(new ReconfigureVm(vm, new ReconfigureVmRequest(AddNics: [new VmNic("vm-net")]))).SentTo<HotReconfigureVm>(HostPeer(host)).Single();
        var confirmed = _vrm.Send(new CommandAccepted(command.CommandId), HostPeer(host));

        Assert.Equal([new VmNic("vm-net")], confirmed.ReplyTo<VmView>(Operator).Nics);
    }

    [Fact]
    public void Growth_past_the_hosts_free_memory_counting_its_other_vms_and_migration_reservations_is_refused_naming_memory()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        // A 200,000 MB VM runs on the other host and is being moved to the web VM's: its reservation takes that room.
        var big = _vrm.Ask(new CreateVm(new CreateVmRequest("db-1", 2, 200_000, [new VmDisk(DatastoreId.From("ds-1"), 40)]))).ReplyTo<VmView>(Operator).VmId;
        var placed = _vrm.Ask(new PowerOnVm(big)).EventsOf<VmPlaced>().Single().Host;
        Assert.NotEqual(host, placed);
        _vrm.Beat(placed.Value, new VmRuntimeReport(big, VmPowerState.Running, 1));
        Assert.NotEmpty(_vrm.Ask(new MigrateVm(big, host)).EventsOf<MigrationAdmitted>());

        var refused = _vrm.Ask(Grow(vm, 2, 4096 + 65_536)).ReplyTo<AdminFailure>(Operator);
        var fits = _vrm.Ask(Grow(vm, 2, 4096 + 40_960));

        Assert.Equal(AdminFailureKind.Conflict, refused.Kind);
        Assert.Equal("memoryMb", Assert.Single(refused.Error.Errors).Field);
        Assert.Contains("MB free", refused.Error.Message, StringComparison.Ordinal);
        Assert.Single(fits.SentTo<HotReconfigureVm>(HostPeer(host)));
    }

    [Fact]
    public void A_vm_mid_migration_is_refused_and_a_migration_waits_for_an_unconfirmed_reconfigure()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        _vrm.Ask(Grow(vm, 4, 4096));
        var migrate = _vrm.Ask(new MigrateVm(vm, null));

        Assert.Empty(migrate.EventsOf<MigrationAdmitted>());
        Assert.Contains("being reconfigured", migrate.ReplyTo<MigrationView>(Operator).LastChange, StringComparison.Ordinal);

        var (other, otherHost) = SecondRunningVm();
        _vrm.Ask(new MigrateVm(other, null));
        var refused = _vrm.Ask(Grow(other, 4, 4096)).ReplyTo<AdminFailure>(Operator);

        Assert.Equal("vmId", Assert.Single(refused.Error.Errors).Field);
        Assert.Contains("is migrating", refused.Error.Message, StringComparison.Ordinal);
        Assert.NotEqual(host, otherHost);
    }

    [Fact]
    public void A_host_not_heard_since_this_vrm_took_over_is_not_asked_and_the_operator_is_told()
    {
        var (vm, _) = _vrm.ClusterWithRunningVm();
        var successor = new VrmDeciderHarness(_vrm.Settings, recover: decider =>
        {
            foreach (var @event in _vrm.AllEvents)
            {
                decider.Recover(@event);
            }
        });

        var failure = successor.Ask(Grow(vm, 4, 4096)).ReplyTo<AdminFailure>(Operator);

        Assert.Equal("host", Assert.Single(failure.Error.Errors).Field);
        Assert.Contains("has not been heard since this controller took over", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_refusal_reaches_the_operator_naming_the_host_and_records_nothing()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var command = _vrm.Ask(Grow(vm, 4, 4096)).SentTo<HotReconfigureVm>(HostPeer(host)).Single();

        var refused = _vrm.Send(new CommandRejected(command.CommandId, "not enough memory"), HostPeer(host));

        var failure = refused.ReplyTo<AdminFailure>(Operator);
        Assert.Equal("host", Assert.Single(failure.Error.Errors).Field);
        Assert.Contains("not enough memory", failure.Error.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Events);
        Assert.Single(_vrm.Ask(Grow(vm, 4, 4096)).SentTo<HotReconfigureVm>(HostPeer(host)));
    }

    [Fact]
    public void A_silent_host_gets_the_operator_told_and_the_command_again_and_a_late_confirmation_is_still_recorded()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var sent = _vrm.Ask(Grow(vm, 4, 4096));
        var command = sent.SentTo<HotReconfigureVm>(HostPeer(host)).Single();
        var wait = sent.Timers.OfType<StartTimer>().Single(t => t.Key == HotReconfigureWaitExpired.TimerKey(command.CommandId));

        var expired = _vrm.At(4).Send(wait.Message, Peer.None);
        var late = _vrm.At(5).Send(new CommandAccepted(command.CommandId), HostPeer(host));

        Assert.Contains("has not confirmed", expired.ReplyTo<AdminFailure>(Operator).Error.Message, StringComparison.Ordinal);
        Assert.Equal(command, expired.SentTo<HotReconfigureVm>(HostPeer(host)).Single());
        Assert.Equal(4, late.EventsOf<VmReconfigured>().Single().Spec.Vcpus);
        Assert.Empty(late.SentTo<VmView>(Operator));
    }

    private (VmId Vm, HostId Host) SecondRunningVm()
    {
        var created = _vrm.Ask(new CreateVm(new CreateVmRequest("db-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)]))).ReplyTo<VmView>(Operator);
        var placed = _vrm.Ask(new PowerOnVm(created.VmId)).EventsOf<VmPlaced>().Single().Host;
        _vrm.Beat(placed.Value, new VmRuntimeReport(created.VmId, VmPowerState.Running, 1));
        return (created.VmId, placed);
    }

    private static ReconfigureVm Grow(VmId vm, int vcpus, long memoryMb) => new(vm, new ReconfigureVmRequest(Vcpus: vcpus, MemoryMb: memoryMb));

    private static Peer HostPeer(HostId host) => VrmDeciderHarness.HostPeer(host.Value);
}
