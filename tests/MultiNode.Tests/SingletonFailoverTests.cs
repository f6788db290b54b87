using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.MultiNode.Tests;

/// <summary>The VRM singleton's node dies: the VRM comes back on the other controller, knowing what the first knew.</summary>
public sealed class SingletonFailoverTests
{
    [Fact]
    public async Task Killing_the_VRM_node_moves_the_VRM_with_an_identical_inventory_while_hosts_stay_Normal()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.RunVmsAsync(cluster.First, 6);
        var before = await cluster.AskAsync<LeaderInfo>(cluster.First, new GetLeader());
        var inventory = await cluster.AskAsync<string>(cluster.First, new GetInventoryFingerprint());
        var running = cluster.Hosts.SelectMany(h => h.RunningVms()).ToDictionary();

        await using (var activity = new VrmActivity(cluster.Controllers))
        {
            cluster.First.Kill();
            var after = await Eventually.WaitAsync("the VRM active on ctrl-b with a newer epoch", cluster.Log, TestCluster.Patience, async () =>
                await cluster.AskAsync<LeaderInfo>(cluster.Second, new GetLeader()) is { Epoch: var epoch } leader && epoch > before.Epoch ? leader : null);

            Assert.True(await cluster.Second.RunsVrmAsync());
            Assert.NotEqual(before.Holder, after.Holder);

            // Every host has been heard by the new VRM twice over, so its view of them is its own, not the journal's.
            await cluster.WaitAsync("two heartbeats from each host at the new VRM", async () =>
                (await cluster.AskAsync<HeartbeatCount>(cluster.Second, new GetHeartbeatCount())).Count >= 2 * cluster.Hosts.Count);
            Assert.Empty(activity.Overlaps);
        }

        Assert.Equal(inventory, await cluster.AskAsync<string>(cluster.Second, new GetInventoryFingerprint()));
        var hosts = await cluster.HostsAsync(cluster.Second);
        Assert.Equal(3, hosts.Count);
        Assert.All(hosts, h => Assert.Equal(HostState.Normal, h.State));

        // No VM was restarted: the same instances run where they ran.
        Assert.Equal(running, cluster.Hosts.SelectMany(h => h.RunningVms()).ToDictionary());
        Assert.All(await cluster.VmsAsync(cluster.Second), v => Assert.Equal(VmPowerState.Running, v.PowerState));
    }
}
