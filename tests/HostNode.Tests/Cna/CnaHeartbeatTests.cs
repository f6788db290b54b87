using Cluster.Deciders;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

public sealed class CnaHeartbeatTests
{
    [Fact]
    public void The_first_beat_is_an_input_to_itself_after_the_start()
    {
        var harness = new CnaHarness();

        var start = harness.Started;

        var first = Assert.Single(start.Messages);
        Assert.Equal(Self, first.To);
        Assert.IsType<Beat>(first.Message);
    }

    [Fact]
    public void Until_accepted_each_beat_registers_with_every_controller_and_the_next_comes_one_interval_later()
    {
        var harness = new CnaHarness(s => s with { HeartbeatInterval = TimeSpan.FromSeconds(3) });

        var beat = harness.Send(Beat.Instance, Self);

        Assert.Equal("/user/cna", Assert.Single(beat.SentTo<HostRegister>(Controller1)).Address);
        Assert.Single(beat.SentTo<HostRegister>(Controller2));
        var next = Assert.IsType<StartTimer>(Assert.Single(beat.Timers));
        Assert.Equal((Beat.TimerKey, TimeSpan.FromSeconds(3), false), (next.Key, next.Delay, next.Periodic));
    }

    [Fact]
    public void Once_accepted_beats_are_heartbeats_numbered_in_order_with_the_hosts_usage_and_vms()
    {
        var harness = new CnaHarness();
        harness.Send(new HostRegistrationAccepted(Host, 1), Controller1);
        harness.Send(new StartVm(1, 7, VmId.From("vm-0001"), Spec("web"), 1), Controller1);

        var first = Assert.Single(harness.Send(Beat.Instance, Self).SentTo<Heartbeat>(Controller1));
        var second = Assert.Single(harness.At(3).Fire(Beat.TimerKey).SentTo<Heartbeat>(Controller1));

        Assert.True(second.Seq > first.Seq);
        Assert.Equal(4096, second.MemoryMbUsed);
        Assert.Equal(VmId.From("vm-0001"), Assert.Single(second.Vms).VmId);
    }

    [Theory]
    [InlineData(0.0, 3000)]
    [InlineData(0.5, 3250)]
    [InlineData(0.75, 3375)]
    public void Jitter_adds_the_random_share_of_the_jitter_to_the_interval(double draw, double expectedMs)
    {
        var harness = new CnaHarness(s => s with { HeartbeatInterval = TimeSpan.FromSeconds(3), HeartbeatJitter = TimeSpan.FromMilliseconds(500) }, () => draw);

        var next = Assert.IsType<StartTimer>(Assert.Single(harness.Send(Beat.Instance).Timers));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), next.Delay);
    }

    [Fact]
    public void Jittered_beats_stay_within_interval_and_interval_plus_jitter_and_vary()
    {
        var draws = new Queue<double>([0.1, 0.7, 0.3, 0.95, 0.0]);
        var harness = new CnaHarness(s => s with { HeartbeatJitter = TimeSpan.FromMilliseconds(500) }, draws.Dequeue);

        var delays = Enumerable.Range(0, 5).Select(i => ((StartTimer)harness.At(i * 3).Send(Beat.Instance).Timers.Single()).Delay).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5)));
        Assert.Equal(5, delays.Distinct().Count());
    }

    [Fact]
    public void Probed_datastore_health_is_reported_in_heartbeats()
    {
        var harness = new CnaHarness(s => s with { UsesStorageLeases = true });
        harness.Send(new HostRegistrationAccepted(Host, 1), Controller1);

        harness.Answer(new DatastoresProbed([new DatastoreHealth(Ds1, false, "datastore ds-1 is unreachable")]));
        var heartbeat = Assert.Single(harness.At(3).Send(Beat.Instance).SentTo<Heartbeat>(Controller1));

        var health = Assert.Single(heartbeat.Datastores!);
        Assert.False(health.Reachable);
    }

    [Fact]
    public void A_host_without_a_usable_store_reports_every_datastore_unreachable_with_the_reason()
    {
        var harness = new CnaHarness(s => s with { StorageUnusableBecause = "no storage-lease store" });
        harness.Send(new HostRegistrationAccepted(Host, 1), Controller1);

        var heartbeat = Assert.Single(harness.At(3).Send(Beat.Instance).SentTo<Heartbeat>(Controller1));

        Assert.Equal(new DatastoreHealth(Ds1, false, "no storage-lease store"), Assert.Single(heartbeat.Datastores!));
    }

    [Fact]
    public void With_leases_the_renew_tick_runs_every_renew_interval_and_probes_the_datastores()
    {
        var harness = new CnaHarness(s => s with { UsesStorageLeases = true, LeaseRenewInterval = TimeSpan.FromSeconds(5) });

        var start = harness.Started;
        var tick = harness.At(5).Fire(RenewLeases.TimerKey);

        var renew = Assert.IsType<StartTimer>(Assert.Single(start.Timers));
        Assert.Equal((RenewLeases.TimerKey, TimeSpan.FromSeconds(5), true), (renew.Key, renew.Delay, renew.Periodic));
        Assert.Equal([Ds1], tick.Effect<ProbeDatastores>().Datastores);
    }
}
