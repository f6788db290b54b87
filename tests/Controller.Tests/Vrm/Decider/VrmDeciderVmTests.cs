using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>VM admin commands and questions: answers go to the asker in the step that stores the change.</summary>
public sealed class VrmDeciderVmTests
{
    private readonly VrmDeciderHarness _vrm = new();

    [Fact]
    public void Creating_a_vm_answers_with_its_view_in_the_step_that_records_it()
    {
        _vrm.Ask(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));

        var step = _vrm.Ask(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)])));

        var created = step.EventsOf<VmCreated>().Single();
        var view = step.ReplyTo<VmView>(VrmDeciderHarness.Operator);
        Assert.Equal((created.VmId, "web-1", VmPowerState.Stopped), (view.VmId, view.Name, view.PowerState));
    }

    [Fact]
    public void A_vm_on_a_datastore_that_does_not_exist_is_refused_and_stores_nothing()
    {
        var step = _vrm.Ask(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-9"), 40)])));

        Assert.Empty(step.Events);
        Assert.Equal(AdminFailureKind.Invalid, step.ReplyTo<AdminFailure>(VrmDeciderHarness.Operator).Kind);
    }

    [Fact]
    public void Adding_a_datastore_answers_with_its_id_whether_new_or_known()
    {
        var ds = DatastoreId.From("ds-1");

        var first = _vrm.Ask(new AddDatastore(ds, "ds-1", 10_000));
        var again = _vrm.Ask(new AddDatastore(ds, "ds-1", 10_000));

        Assert.Single(first.EventsOf<DatastoreAdded>());
        Assert.Equal(ds, first.ReplyTo<DatastoreId>(VrmDeciderHarness.Operator));
        Assert.Empty(again.Events);
        Assert.Equal(ds, again.ReplyTo<DatastoreId>(VrmDeciderHarness.Operator));
    }

    [Fact]
    public void A_forced_stop_waits_for_the_host_and_answers_when_it_confirms()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var stop = _vrm.At(1).Ask(new PowerOffVm(vm, Graceful: false));

        Assert.False(stop.SentTo<VmView>(VrmDeciderHarness.Operator).Any(), "a forced stop answers once the host confirms");
        Assert.False(stop.SentTo<StopVm>(VrmDeciderHarness.HostPeer(host.Value)).Single().Graceful);
        Assert.Contains(new StartTimer(StopWaitExpired.TimerKey(vm), new StopWaitExpired(vm), TimeSpan.FromSeconds(2), Periodic: false), stop.Timers);

        var confirmed = _vrm.At(2).Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Stopped, 1));

        Assert.Equal(VmPowerState.Stopped, confirmed.ReplyTo<VmView>(VrmDeciderHarness.Operator).PowerState);
        Assert.Contains(new CancelTimer(StopWaitExpired.TimerKey(vm)), confirmed.Timers);
    }

    [Fact]
    public void Get_leader_answers_with_the_holder_and_epoch()
    {
        var step = _vrm.Ask(new GetLeader());

        Assert.Equal(new LeaderInfo("controller-a", VrmDeciderHarness.Epoch, true), step.ReplyTo<LeaderInfo>(VrmDeciderHarness.Operator));
    }

    [Fact]
    public void An_unknown_input_is_reported_unhandled_and_changes_nothing()
    {
        var before = _vrm.Ask(new GetInventoryFingerprint()).ReplyTo<string>(VrmDeciderHarness.Operator);

        var step = _vrm.Send("not a VRM message", VrmDeciderHarness.Operator);

        Assert.Equal("not a VRM message", step.Unhandled);
        Assert.True(step.Events.Count == 0 && step.Messages.Count == 0 && step.Effects.Count == 0 && !step.Stopped);
        Assert.Equal(before, _vrm.Ask(new GetInventoryFingerprint()).ReplyTo<string>(VrmDeciderHarness.Operator));
    }

    [Fact]
    public void A_lease_answer_about_vms_the_vrm_never_asked_for_is_ignored()
    {
        var stray = new HaCandidate(VmId.From("vm-9999"), 1, HostId.From("h-1"), DatastoreId.From("ds-1"), HaCandidateKind.FailedHost);

        var step = _vrm.Send(new StorageLeasesRead([new LeaseCheck(stray, null, null)]), Peer.None);

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
        Assert.Null(step.Unhandled);
    }
}
