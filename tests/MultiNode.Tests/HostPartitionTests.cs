using Akka.Cluster;
using Cluster.Messages;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// A host node is cut off from everyone: the split-brain resolver downs it, its VMs keep running (the storage leases,
/// not membership, decide whether a VM may run), and once the network heals the node rejoins by itself with them.
/// </summary>
public sealed class HostPartitionTests
{
    [Fact]
    public async Task A_host_node_downed_by_a_partition_rejoins_after_the_heal_with_its_VMs_still_running()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.RunVmsAsync(cluster.First, 4);
        var host = cluster.Hosts.First(h => h.RunningVms().Count > 0);
        var running = host.RunningVms();
        var firstSystem = host.System;
        var firstAddress = Akka.Cluster.Cluster.Get(firstSystem).SelfUniqueAddress;
        var others = cluster.Controllers.Select(c => c.System).Concat(cluster.Hosts.Where(h => h != host).Select(h => h.System)).ToList();

        foreach (var system in others)
        {
            await Links.CutAsync(system, host.Port);
        }

        await Links.CutAsync(firstSystem, cluster.First.Port);
        await cluster.WaitAsync($"{host.Id} downed (its first actor system ended)", () => Task.FromResult(firstSystem.WhenTerminated.IsCompleted));
        await cluster.WaitAsync($"{host.Id} removed from the cluster", () => Task.FromResult(
            cluster.First.Member.State.Members.All(m => !m.UniqueAddress.Equals(firstAddress))));
        Assert.Equal(running, host.RunningVms());

        foreach (var system in others)
        {
            await Links.HealAsync(system, host.Port);
        }

        await cluster.WaitAsync($"{host.Id} Up again with a new actor system", () => Task.FromResult(
            host.SystemsStarted > 1 && cluster.First.Member.State.Members.Any(m =>
                m.Address.Port == host.Port && m.Status == MemberStatus.Up && !m.UniqueAddress.Equals(firstAddress))));
        await cluster.WaitForHostsAsync($"{host.Id} Normal", cluster.First, hosts => hosts.All(h => h.State == HostState.Normal));

        // The same instances (same incarnations) run on the host, and the VRM agrees.
        Assert.Equal(running, host.RunningVms());
        var vms = await cluster.VmsAsync(cluster.First);
        Assert.All(running.Keys, id => Assert.Equal((VmPowerState.Running, host.Id, running[id]), vms.Single(v => v.VmId == id) is var v ? (v.PowerState, v.Host!.Value, v.Incarnation) : default));
    }
}
