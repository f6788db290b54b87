using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>Registration, heartbeats and failure detection, decided with no Akka.</summary>
public sealed class VrmDeciderHostTests
{
    private static readonly HostId H1 = HostId.From("h-1");

    [Fact]
    public void Start_sets_the_detection_and_ha_recheck_timers()
    {
        var vrm = new VrmDeciderHarness();

        var timers = vrm.Started.Timers.Cast<StartTimer>().ToDictionary(t => t.Key);
        Assert.Equal(new StartTimer(DetectTick.TimerKey, DetectTick.Instance, TimeSpan.FromSeconds(1), Periodic: true), timers[DetectTick.TimerKey]);
        Assert.Equal(new StartTimer(HaRecheck.TimerKey, HaRecheck.Instance, TimeSpan.FromSeconds(5), Periodic: true), timers[HaRecheck.TimerKey]);
        Assert.Empty(vrm.Started.Events);
    }

    [Fact]
    public void A_registration_is_acknowledged_with_the_epoch_in_the_same_step_as_its_events()
    {
        var vrm = new VrmDeciderHarness();

        var step = vrm.Register("h-1");

        Assert.Collection(
            step.Events,
            e => Assert.Equal(H1, Assert.IsType<HostRegistered>(e).HostId),
            e => Assert.Equal(new HostStateChanged(H1, HostState.Connecting, HostState.Normal, "host registered"), e));
        var ack = Assert.Single(step.Messages);
        Assert.Equal(new Outbound(VrmDeciderHarness.HostPeer("h-1"), new HostRegistrationAccepted(H1, VrmDeciderHarness.Epoch)), ack);
    }

    [Fact]
    public void Registering_again_unchanged_is_acknowledged_without_new_events()
    {
        var vrm = new VrmDeciderHarness();
        vrm.Register("h-1");

        var again = vrm.At(5).Register("h-1");

        Assert.Empty(again.Events);
        Assert.Equal(new HostRegistrationAccepted(H1, VrmDeciderHarness.Epoch), again.ReplyTo<HostRegistrationAccepted>(VrmDeciderHarness.HostPeer("h-1")));
    }

    [Fact]
    public void A_registration_with_an_address_another_host_has_is_refused_and_stores_nothing()
    {
        var vrm = new VrmDeciderHarness();
        vrm.Register("h-1", "10.0.0.1:9120");

        var step = vrm.Register("h-2", "10.0.0.1:9120");

        Assert.Empty(step.Events);
        var refused = step.ReplyTo<HostRegistrationRefused>(VrmDeciderHarness.HostPeer("h-2"));
        Assert.Contains("already registered to host h-1", refused.Reason);
    }

    [Fact]
    public void A_heartbeat_from_a_host_not_in_the_inventory_is_refused()
    {
        var vrm = new VrmDeciderHarness();

        var step = vrm.Beat("h-9");

        Assert.Empty(step.Events);
        Assert.Contains("not in the inventory", step.ReplyTo<HostRegistrationRefused>(VrmDeciderHarness.HostPeer("h-9")).Reason);
    }

    [Fact]
    public void A_host_that_stops_heartbeating_is_faulty_after_ten_missed_beats_and_not_before()
    {
        var vrm = new VrmDeciderHarness();
        vrm.Register("h-1");

        var at29 = vrm.At(29).Tick();
        var at30 = vrm.At(30).Tick();

        Assert.Empty(at29.Events);
        Assert.Equal(new HostStateChanged(H1, HostState.Normal, HostState.Faulty, "no heartbeat for 30 s"), at30.EventsOf<HostStateChanged>().Single());
        Assert.Equal(AlarmKinds.HostFaulty, Assert.Single(at30.EventsOf<AlarmRaised>()).Kind);
    }

    [Fact]
    public void Heartbeats_keep_a_host_normal_and_a_faulty_host_that_beats_again_is_normal()
    {
        var vrm = new VrmDeciderHarness();
        vrm.Register("h-1");
        vrm.At(20).Beat("h-1");
        Assert.Empty(vrm.At(49).Tick().Events);
        Assert.Single(vrm.At(50).Tick().EventsOf<HostStateChanged>());

        var back = vrm.At(60).Beat("h-1");

        Assert.Equal(new HostStateChanged(H1, HostState.Faulty, HostState.Normal, "heartbeats resumed"), back.EventsOf<HostStateChanged>().Single());
        Assert.NotEmpty(back.EventsOf<AlarmCleared>());
    }

    [Fact]
    public void A_new_vrm_gives_recovered_hosts_a_full_window_from_its_start()
    {
        var first = new VrmDeciderHarness();
        first.Register("h-1");
        var journal = first.AllEvents.ToList();

        // The standby recovers h-1 from the journal; it has heard nothing yet, so it counts from its own start.
        var second = new VrmDeciderHarness(recover: d => journal.ForEach(d.Recover));
        Assert.Empty(second.At(29).Tick().Events);
        Assert.Single(second.At(30).Tick().EventsOf<HostStateChanged>());
    }
}
