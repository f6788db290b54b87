using Cluster.Controller.FailureDetection;
using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// Membership-assisted host detection: a host whose node the cluster has lost is Faulty after 2 missed heartbeats
/// (6 s) instead of 10 (30 s); the cluster's word alone, or a short silence alone, is not enough.
/// </summary>
public sealed class VrmDeciderFastDetectionTests
{
    private const string Node1 = "akka.ssl.tcp://cluster@10.0.0.1:9121";
    private const string Node2 = "akka.ssl.tcp://cluster@10.0.0.2:9121";
    private static readonly HostId H1 = HostId.From("h-1");

    private static VrmDeciderHarness Membership() =>
        new(new VrmSettings { HostDetection = new HostDetectionOptions { Mode = HostDetectionMode.Membership } });

    private static VrmDeciderHarness WithTwoHosts(VrmDeciderHarness vrm)
    {
        vrm.Register("h-1", Node1 + "/user/cna");
        vrm.Register("h-2", Node2 + "/user/cna");
        return vrm;
    }

    [Fact]
    public void A_host_whose_node_is_unreachable_is_faulty_after_two_missed_heartbeats_and_not_before()
    {
        var vrm = WithTwoHosts(Membership());
        vrm.At(2).Send(new ClusterMembersSeen([Node1, Node2], [Node1]), Peer.None);

        var at5 = vrm.At(5).Tick();
        var at6 = vrm.At(6).Tick();

        Assert.Empty(at5.Events);
        Assert.Equal(new HostStateChanged(H1, HostState.Normal, HostState.Faulty, "no heartbeat for 6 s and its node is unreachable"), at6.EventsOf<HostStateChanged>().Single());
    }

    [Fact]
    public void A_host_whose_node_was_downed_is_faulty_after_two_missed_heartbeats()
    {
        var vrm = WithTwoHosts(Membership());
        vrm.At(4).Send(new ClusterMembersSeen([Node2]), Peer.None);

        var at6 = vrm.At(6).Tick();

        Assert.Equal("no heartbeat for 6 s and its node left the cluster or was downed", at6.EventsOf<HostStateChanged>().Single().Reason);
    }

    [Fact]
    public void A_host_that_still_heartbeats_while_its_node_is_unreachable_stays_normal()
    {
        var vrm = WithTwoHosts(Membership());
        vrm.Send(new ClusterMembersSeen([Node1, Node2], [Node1]), Peer.None);
        for (var t = 3; t <= 30; t += 3)
        {
            vrm.At(t).Beat("h-1");
            vrm.At(t).Beat("h-2");
            Assert.Empty(vrm.At(t + 2).Tick().Events);
        }
    }

    [Fact]
    public void A_silent_host_whose_node_is_reachable_waits_the_full_window()
    {
        var vrm = WithTwoHosts(Membership());
        vrm.Send(new ClusterMembersSeen([Node1, Node2], []), Peer.None);

        Assert.Empty(vrm.At(29).Tick().Events);
        Assert.Equal("no heartbeat for 30 s", vrm.At(30).Tick().EventsOf<HostStateChanged>().Single(e => e.HostId == H1).Reason);
    }

    [Fact]
    public void The_default_heartbeats_mode_ignores_the_cluster_and_waits_the_full_window()
    {
        var vrm = WithTwoHosts(new VrmDeciderHarness());
        vrm.Send(new ClusterMembersSeen([Node2], [Node1]), Peer.None);

        Assert.Empty(vrm.At(29).Tick().Events);
        Assert.Equal("no heartbeat for 30 s", vrm.At(30).Tick().EventsOf<HostStateChanged>().Single(e => e.HostId == H1).Reason);
    }

    [Fact]
    public void A_fast_faulty_host_whose_vms_lease_is_still_renewed_is_not_restarted()
    {
        var vrm = Membership();
        var (vm, host) = vrm.ClusterWithRunningVm();
        var node = host == H1 ? "10.0.0.1:9120" : "10.0.0.2:9120";
        vrm.Send(new ClusterMembersSeen(["10.0.0.1:9120", "10.0.0.2:9120"], [node]), Peer.None);

        var faulty = vrm.At(6).Tick();

        // The lease check before restart is the same in both modes: the host only looked dead for 6 s, its lease is fresh.
        var read = (ReadStorageLeases)faulty.Effects.Single();
        var lease = new StorageLease(read.Candidates[0].Datastore.Value, vm.Value, host.Value, 1, 5, vrm.Now.AddSeconds(-2), TimeSpan.FromSeconds(20), Released: false);
        var step = vrm.Send(new StorageLeasesRead([new LeaseCheck(read.Candidates[0], lease, null)]), Peer.None);

        Assert.Equal(new HaRestartSkipped(vm, host, HaSkipReason.LeaseStillHeld), step.EventsOf<HaRestartSkipped>().Single());
        Assert.Empty(step.EventsOf<HaRestartPlanned>());
    }
}
