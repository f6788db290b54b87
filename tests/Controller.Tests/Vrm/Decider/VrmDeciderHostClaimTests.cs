using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>One host id, one live host node: a second node claiming a live host's id is refused, a host back at a new address once its node is gone is accepted.</summary>
public sealed class VrmDeciderHostClaimTests
{
    private const string Node1 = "akka.tcp://cluster@10.0.0.1:9121";
    private const string Node2 = "akka.tcp://cluster@10.0.0.1:9125";
    private const string Old = Node1 + "/user/cna";
    private const string New = Node2 + "/user/cna";
    private static readonly HostId H1 = HostId.From("h-1");
    private static readonly Peer Duplicate = new("peer-of-the-duplicate");
    private readonly VrmDeciderHarness _vrm = new();

    [Fact]
    public void A_second_node_claiming_a_live_hosts_id_is_told_to_go_with_an_alarm_naming_both_addresses_and_the_host_keeps_its_address()
    {
        _vrm.Register("h-1", Old);

        var step = _vrm.At(2).Send(VrmDeciderHarness.Registration("h-1", New), Duplicate);

        var refused = step.ReplyTo<HostIdInUse>(Duplicate);
        Assert.Equal((H1, Old), (refused.HostId, refused.HolderAddress));
        Assert.Contains(New, refused.Reason);
        var alarm = step.EventsOf<AlarmRaised>().Single();
        Assert.Equal((AlarmKinds.DuplicateHostId, "h-1"), (alarm.Kind, alarm.Object.Id));
        Assert.Contains(Old, alarm.Text);
        Assert.Contains(New, alarm.Text);
        Assert.Empty(step.EventsOf<HostRegistered>());
        Assert.Equal(Old, _vrm.Ask(new GetHost(H1)).ReplyTo<HostView>(VrmDeciderHarness.Operator).Address);
    }

    [Fact]
    public void A_second_agent_heartbeating_for_a_live_host_is_told_to_go_and_its_report_is_not_reconciled()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var step = _vrm.At(2).Send(new Heartbeat(host, 1, 0, 0, []), Duplicate);

        Assert.Equal(host, step.ReplyTo<HostIdInUse>(Duplicate).HostId);
        Assert.Empty(step.EventsOf<VmPowerStateChanged>());
        Assert.Equal(VmPowerState.Running, _vrm.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator).PowerState);
    }

    [Fact]
    public void A_host_back_at_a_new_address_once_its_old_node_fell_silent_for_the_window_is_accepted_and_its_address_moves()
    {
        _vrm.Register("h-1", Old);
        var alarm = _vrm.At(5).Send(VrmDeciderHarness.Registration("h-1", New), Duplicate).EventsOf<AlarmRaised>().Single();

        var step = _vrm.At(40).Send(VrmDeciderHarness.Registration("h-1", New), Duplicate);

        Assert.Equal(New, step.EventsOf<HostRegistered>().Single().Address);
        Assert.Equal(new HostRegistrationAccepted(H1, VrmDeciderHarness.Epoch), step.ReplyTo<HostRegistrationAccepted>(Duplicate));
        Assert.Equal(alarm.AlarmId, step.EventsOf<AlarmCleared>().Single().AlarmId);
        Assert.Equal(New, _vrm.Ask(new GetHost(H1)).ReplyTo<HostView>(VrmDeciderHarness.Operator).Address);
    }

    [Fact]
    public void A_host_back_at_a_new_address_once_its_old_node_left_the_cluster_is_accepted_at_once()
    {
        _vrm.Register("h-1", Old);
        _vrm.Send(new ClusterMembersSeen([Node1, Node2]), Peer.None);
        Assert.NotNull(_vrm.At(1).Send(VrmDeciderHarness.Registration("h-1", New), Duplicate).ReplyTo<HostIdInUse>(Duplicate));

        _vrm.Send(new ClusterMembersSeen([Node2]), Peer.None);
        var step = _vrm.At(2).Send(VrmDeciderHarness.Registration("h-1", New), Duplicate);

        Assert.Equal(New, step.EventsOf<HostRegistered>().Single().Address);
    }

    [Fact]
    public void A_successor_keeps_a_new_address_waiting_until_it_has_heard_the_old_node_then_refuses_it_for_good()
    {
        _vrm.Register("h-1", Old);
        var events = _vrm.AllEvents.ToList();
        var successor = new VrmDeciderHarness(recover: d => events.ForEach(d.Recover));

        var waiting = successor.At(1).Send(VrmDeciderHarness.Registration("h-1", New), Duplicate);
        successor.At(2).Beat("h-1");
        var refused = successor.At(3).Send(VrmDeciderHarness.Registration("h-1", New), Duplicate);

        Assert.Empty(waiting.Events);
        Assert.Contains("not heard from yet", waiting.ReplyTo<HostRegistrationRefused>(Duplicate).Reason);
        Assert.Equal(Old, refused.ReplyTo<HostIdInUse>(Duplicate).HolderAddress);
    }
}
