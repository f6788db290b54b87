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

        var start = harness.Start(T0);

        var first = Assert.Single(start.Messages);
        Assert.Equal(Self, first.To);
        Assert.IsType<Beat>(first.Message);
    }

    [Fact]
    public void Until_accepted_each_beat_registers_with_every_controller_and_the_next_comes_one_interval_later()
    {
        var harness = new CnaHarness(s => s with { HeartbeatInterval = TimeSpan.FromSeconds(3) });
        harness.Start(T0);

        var beat = harness.Feed(Beat.Instance, T0);

        Assert.Equal("/user/cna", Assert.Single(beat.Sent<HostRegister>(Controller1)).Address);
        Assert.Single(beat.Sent<HostRegister>(Controller2));
        var next = Assert.IsType<StartTimer>(Assert.Single(beat.Timers));
        Assert.Equal((CnaDecider.BeatTimer, TimeSpan.FromSeconds(3), false), (next.Key, next.Delay, next.Periodic));
    }

    [Fact]
    public void Once_accepted_beats_are_heartbeats_numbered_in_order_with_the_hosts_usage_and_vms()
    {
        var harness = new CnaHarness();
        harness.Start(T0);
        harness.Feed(new HostRegistrationAccepted(Host, 1), T0, Controller1);
        harness.Feed(new StartVm(1, 7, VmId.From("vm-0001"), Spec("web"), 1), T0, Controller1);

        var first = Assert.Single(harness.Feed(Beat.Instance, At(3)).Sent<Heartbeat>(Controller1));
        var second = Assert.Single(harness.Feed(Beat.Instance, At(6)).Sent<Heartbeat>(Controller1));

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

        var next = Assert.IsType<StartTimer>(Assert.Single(harness.Feed(Beat.Instance, T0).Timers));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), next.Delay);
    }

    [Fact]
    public void Jittered_beats_stay_within_interval_and_interval_plus_jitter_and_vary()
    {
        var draws = new Queue<double>([0.1, 0.7, 0.3, 0.95, 0.0]);
        var harness = new CnaHarness(s => s with { HeartbeatJitter = TimeSpan.FromMilliseconds(500) }, draws.Dequeue);

        var delays = Enumerable.Range(0, 5).Select(i => ((StartTimer)harness.Feed(Beat.Instance, At(i * 3)).Timers.Single()).Delay).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5)));
        Assert.Equal(5, delays.Distinct().Count());
    }

    [Fact]
    public void Probed_datastore_health_is_reported_in_heartbeats()
    {
        var harness = new CnaHarness(s => s with { UsesStorageLeases = true });
        harness.Start(T0);
        harness.Feed(new HostRegistrationAccepted(Host, 1), T0, Controller1);

        harness.Feed(new DatastoresProbed([new DatastoreHealth(Ds1, false, "datastore ds-1 is unreachable")]), T0);
        var heartbeat = Assert.Single(harness.Feed(Beat.Instance, At(3)).Sent<Heartbeat>(Controller1));

        var health = Assert.Single(heartbeat.Datastores!);
        Assert.False(health.Reachable);
    }

    [Fact]
    public void A_host_without_a_usable_store_reports_every_datastore_unreachable_with_the_reason()
    {
        var harness = new CnaHarness(s => s with { StorageUnusableBecause = "no storage-lease store" });
        harness.Feed(new HostRegistrationAccepted(Host, 1), T0, Controller1);

        var heartbeat = Assert.Single(harness.Feed(Beat.Instance, At(3)).Sent<Heartbeat>(Controller1));

        Assert.Equal(new DatastoreHealth(Ds1, false, "no storage-lease store"), Assert.Single(heartbeat.Datastores!));
    }

    [Fact]
    public void With_leases_the_renew_tick_runs_every_renew_interval_and_probes_the_datastores()
    {
        var harness = new CnaHarness(s => s with { UsesStorageLeases = true, LeaseRenewInterval = TimeSpan.FromSeconds(5) });

        var start = harness.Start(T0);
        var tick = harness.Feed(RenewLeases.Instance, At(5));

        var renew = Assert.IsType<StartTimer>(Assert.Single(start.Timers));
        Assert.Equal((CnaDecider.RenewTimer, TimeSpan.FromSeconds(5), true), (renew.Key, renew.Delay, renew.Periodic));
        Assert.Equal([Ds1], tick.Effect<ProbeDatastores>().Datastores);
    }
}
