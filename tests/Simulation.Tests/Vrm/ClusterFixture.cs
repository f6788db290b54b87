using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Simulation.Tests.Vrm;

/// <summary>Builds the small clusters the VRM tests use, and waits in virtual time for conditions.</summary>
internal static class ClusterFixture
{
    public static SimulatedCluster Start(int hosts = 3, int seed = 1, TimeSpan? jitter = null, int controllers = 2)
    {
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = seed,
            Controllers = controllers,
            Hosts = [.. Enumerable.Range(1, hosts).Select(i => SimulatedHostSpec.Standard($"host-{i}", "ds-1", "ds-2"))],
            Datastores = ["ds-1", "ds-2"],
            HeartbeatJitter = jitter ?? TimeSpan.Zero,
        });
        cluster.Advance(TimeSpan.FromSeconds(10));
        cluster.Ask<object>(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
        cluster.Ask<object>(new AddDatastore(DatastoreId.From("ds-2"), "ds-2", 10_000));
        return cluster;
    }

    public static VmView CreateVm(SimulatedCluster cluster, string name, int memoryMb = 4096) =>
        cluster.Ask<VmView>(new CreateVm(new CreateVmRequest(name, 2, memoryMb, [new VmDisk(DatastoreId.From("ds-1"), 40)])));

    /// <summary>Advances virtual time in small steps until the condition holds; returns the time it took.</summary>
    public static TimeSpan AdvanceUntil(SimulatedCluster cluster, Func<bool> condition, TimeSpan limit, TimeSpan? step = null)
    {
        var start = cluster.Now;
        while (!condition())
        {
            if (cluster.Now - start > limit)
            {
                throw new TimeoutException($"condition not met within {limit}");
            }

            cluster.Advance(step ?? TimeSpan.FromMilliseconds(100));
        }

        return cluster.Now - start;
    }

    public static HostState StateOf(SimulatedCluster cluster, string host) =>
        cluster.ActiveInventory().Host(HostId.From(host))!.State;
}
