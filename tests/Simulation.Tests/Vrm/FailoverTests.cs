using Cluster.Controller.Vrm;
using Cluster.Messages;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Vrm;

public sealed class FailoverTests
{
    [Fact]
    public void Exactly_one_controller_is_active()
    {
        var cluster = Start();

        var active = cluster.ControllerNames.Where(cluster.RunsVrm).ToList();
        Assert.Single(active);
        Assert.True(cluster.Ask<LeaderInfo>(new GetLeader()).IsActive);
    }

    [Fact]
    public void A_standby_names_the_active_controller_and_its_epoch_not_itself()
    {
        var cluster = Start();
        var active = cluster.ActiveController!;
        var epoch = cluster.Ask<LeaderInfo>(new GetLeader()).Epoch;
        var standby = cluster.ControllerNames.First(name => name != active);

        Assert.Equal(new LeaderInfo(active, epoch, IsActive: false), cluster.AskController<LeaderInfo>(standby, new GetLeader()));
    }

    [Fact]
    public void When_the_active_controller_crashes_the_standby_is_active_within_ttl_plus_1_s_with_the_same_inventory()
    {
        var cluster = Start();
        var vm = CreateVm(cluster, "web-1");
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(5));
        var before = cluster.Ask<string>(new GetInventoryFingerprint());
        var oldActive = cluster.ActiveController!;
        var oldEpoch = cluster.Ask<LeaderInfo>(new GetLeader()).Epoch;

        cluster.CrashController(oldActive);
        var took = AdvanceUntil(cluster, () => cluster.ActiveController is not null, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

        Assert.True(took <= TimeSpan.FromSeconds(11), $"takeover took {took}");
        Assert.NotEqual(oldActive, cluster.ActiveController);
        var leader = cluster.Ask<LeaderInfo>(new GetLeader());
        Assert.True(leader.Epoch > oldEpoch);
        Assert.Equal(before, cluster.Ask<string>(new GetInventoryFingerprint()));
    }

    [Fact]
    public void After_failover_hosts_follow_the_new_controller_and_stay_normal()
    {
        var cluster = Start();
        cluster.CrashController(cluster.ActiveController!);
        cluster.Advance(TimeSpan.FromMinutes(2));

        Assert.All(cluster.ActiveInventory().Hosts, h => Assert.Equal(HostState.Normal, h.State));
        Assert.DoesNotContain(cluster.JournalEvents(), e => e is HostStateChanged { To: HostState.Faulty });
    }

    [Fact]
    public void A_controller_that_cannot_renew_its_lease_stops_acting_before_the_lease_expires()
    {
        var cluster = Start();
        var active = cluster.ActiveController!;
        var lease = cluster.Leases.Current!;

        // Cut the active controller off from the database: its renewals fail from now on.
        cluster.Leases.Unavailable = true;
        var stoppedAfter = AdvanceUntil(cluster, () => !cluster.RunsVrm(active), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));

        Assert.True(cluster.World.Clock.GetUtcNow() <= lease.ExpiresAt, "it must stop before the last lease it renewed expires");
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_controller_that_steps_down_releases_its_lease_and_the_standby_takes_over_well_before_the_ttl()
    {
        var cluster = Start();
        var active = cluster.ActiveController!;
        var oldEpoch = cluster.Ask<LeaderInfo>(new GetLeader()).Epoch;

        Assert.True(cluster.StepDown(active), "the active controller held the lease and gave it back");
        Assert.False(cluster.RunsVrm(active));

        var took = AdvanceUntil(cluster, () => cluster.ActiveController is not null, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

        Assert.NotEqual(active, cluster.ActiveController);
        Assert.True(took <= TimeSpan.FromSeconds(3.1), $"takeover took {took}, the lease TTL is 10 s");
        Assert.True(cluster.Ask<LeaderInfo>(new GetLeader()).Epoch > oldEpoch);
    }
}
