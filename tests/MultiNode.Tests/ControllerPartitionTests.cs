using Akka.Actor;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// The network splits the controllers: the VRM's controller alone on one side, the other controller with every host
/// on the other. One side keeps the cluster, at most one VRM runs at any moment, and the hosts refuse the deposed
/// VRM's epoch once they have seen the new one.
/// </summary>
public sealed class ControllerPartitionTests
{
    [Fact]
    public async Task With_the_controllers_partitioned_at_most_one_VRM_acts_and_hosts_refuse_the_stale_epoch()
    {
        await using var cluster = await TestCluster.StartAsync();
        var vms = await cluster.RunVmsAsync(cluster.First, 4);
        var deposed = await cluster.AskAsync<LeaderInfo>(cluster.First, new GetLeader());

        LeaderInfo successor;
        await using (var activity = new VrmActivity(cluster.Controllers))
        {
            await IsolateAsync(cluster, cluster.First);

            // The lone controller loses the split-brain lease to the other side and downs itself; its system ends.
            await cluster.WaitAsync("ctrl-a downed (its actor system ended)", () => Task.FromResult(cluster.First.System.WhenTerminated.IsCompleted));
            successor = await Eventually.WaitAsync("the VRM active on ctrl-b with a newer epoch", cluster.Log, TestCluster.Patience, async () =>
                await cluster.AskAsync<LeaderInfo>(cluster.Second, new GetLeader()) is { Epoch: var epoch } leader && epoch > deposed.Epoch ? leader : null);
            Assert.True(activity.Samples > 0);
            Assert.Empty(activity.Overlaps);
        }

        // The hosts were on the surviving side all along.
        var hosts = await cluster.WaitForHostsAsync("3 hosts Normal under the new VRM", cluster.Second, hs => hs.Count == 3 && hs.All(h => h.State == HostState.Normal));
        Assert.Equal(3, hosts.Count);

        // A host with two VMs: the new VRM stops one (the host now knows its epoch), a late command of the deposed
        // VRM for the other is refused, and that VM keeps running.
        var host = cluster.Hosts.First(h => h.RunningVms().Count >= 2);
        var (stopped, kept) = (host.RunningVms().Keys.First(), host.RunningVms().Keys.Last());
        await cluster.AskAsync<object>(cluster.Second, new PowerOffVm(stopped, Graceful: false));
        await cluster.WaitForVmsAsync($"{stopped} Stopped", cluster.Second, all => all.Single(v => v.VmId == stopped).PowerState == VmPowerState.Stopped);

        var cna = cluster.Second.System.ActorSelection($"{Links.Scheme}://{Hosting.Akka.ClusterNodeSettings.SystemName}@127.0.0.1:{host.Port}/user/cna");
        var answer = await cna.Ask<object>(new StopVm(deposed.Epoch, CommandId: 1_000_000, kept, Graceful: false), TimeSpan.FromSeconds(5));

        Assert.Equal(new StaleEpochRejected(1_000_000, successor.Epoch, deposed.Epoch), answer);
        Assert.True(host.RunningVms().ContainsKey(kept));
        Assert.Equal(VmPowerState.Running, (await cluster.VmsAsync(cluster.Second)).Single(v => v.VmId == kept).PowerState);
        Assert.Equal(vms.Count - 1, (await cluster.VmsAsync(cluster.Second)).Count(v => v.PowerState == VmPowerState.Running));
    }

    /// <summary>Cuts <paramref name="lone"/> off from every other node, on both ends of each link.</summary>
    private static async Task IsolateAsync(TestCluster cluster, InProcessController lone)
    {
        var others = cluster.Controllers.Where(c => c != lone).Select(c => (c.System, c.Port)).Concat(cluster.Hosts.Select(h => (h.System, h.Port)));
        foreach (var (system, port) in others)
        {
            await Links.CutAsync(system, lone.Port);
            await Links.CutAsync(lone.System, port);
        }
    }
}
