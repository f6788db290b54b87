using Cluster.Messages;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Vrm;

public sealed class FailureDetectionTests
{
    [Fact]
    public void Hosts_register_and_become_normal()
    {
        var cluster = Start(hosts: 3);

        Assert.All(cluster.ActiveInventory().Hosts, h => Assert.Equal(HostState.Normal, h.State));
        Assert.Equal(3, cluster.ActiveInventory().Hosts.Count);
    }

    [Fact]
    public void A_crashed_host_is_faulty_30_s_after_its_last_heartbeat_and_not_before()
    {
        var cluster = Start(hosts: 2);
        var host = HostId.From("host-1");
        TimeSpan? lastBeat = null;
        cluster.World.Trace = (_, _, recipient, message) =>
        {
            if (message is Heartbeat beat && beat.HostId == host && recipient.Name == SimulatedCluster.Vrm)
            {
                lastBeat = cluster.Now;
            }
        };
        cluster.Advance(TimeSpan.FromSeconds(4.5));
        cluster.CrashHost(host);
        var heardLast = lastBeat!.Value;

        // One detection tick before the deadline it must still be normal.
        cluster.Advance(heardLast + TimeSpan.FromSeconds(29.9) - cluster.Now);
        Assert.Equal(HostState.Normal, StateOf(cluster, "host-1"));

        AdvanceUntil(cluster, () => StateOf(cluster, "host-1") == HostState.Faulty, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(50));
        Assert.InRange(cluster.Now - heardLast, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31.05));
        Assert.Equal(HostState.Normal, StateOf(cluster, "host-2"));
    }

    [Fact]
    public void Heartbeats_jittered_up_to_2_s_for_a_simulated_day_never_make_a_host_faulty()
    {
        var cluster = Start(hosts: 4, jitter: TimeSpan.FromSeconds(2));

        cluster.Advance(TimeSpan.FromHours(24));

        Assert.DoesNotContain(cluster.JournalEvents(), e => e is HostStateChanged { To: HostState.Faulty });
        Assert.All(cluster.ActiveInventory().Hosts, h => Assert.Equal(HostState.Normal, h.State));
    }

    [Fact]
    public void A_faulty_host_that_comes_back_is_normal_again()
    {
        var cluster = Start();
        var host = HostId.From("host-3");
        cluster.CrashHost(host);
        AdvanceUntil(cluster, () => StateOf(cluster, "host-3") == HostState.Faulty, TimeSpan.FromMinutes(2));

        cluster.RestartHost(host);
        AdvanceUntil(cluster, () => StateOf(cluster, "host-3") == HostState.Normal, TimeSpan.FromSeconds(10));

        var changes = cluster.JournalEvents().OfType<HostStateChanged>().Where(e => e.HostId == host).Select(e => e.To).ToList();
        Assert.Equal([HostState.Normal, HostState.Faulty, HostState.Normal], changes);
    }
}
