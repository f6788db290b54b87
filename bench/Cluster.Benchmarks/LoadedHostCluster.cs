using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation;

namespace Cluster.Benchmarks;

/// <summary>A simulated cluster whose first host runs every VM (1 vCPU, 2 GB each) and whose other hosts are empty and up.</summary>
public static class LoadedHostCluster
{
    public static SimulatedCluster Build(SimulatedClusterOptions options, int vmCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = new SimulatedCluster(options);
        var hosts = options.Hosts;
        var loaded = hosts[0].HostId;

        // The other hosts are down while the VMs start, so all of them land on the first; then they come back.
        foreach (var other in hosts.Skip(1))
        {
            cluster.CrashHost(other.HostId);
        }

        cluster.Advance(TimeSpan.FromSeconds(40));
        cluster.Ask<object>(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 100_000));
        for (var i = 0; i < vmCount; i++)
        {
            var vm = cluster.Ask<VmView>(new CreateVm(new CreateVmRequest($"vm-{i}", 1, 2048, [new VmDisk(DatastoreId.From("ds-1"), 10)])));
            cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        }

        foreach (var other in hosts.Skip(1))
        {
            cluster.RestartHost(other.HostId);
        }

        cluster.Advance(TimeSpan.FromSeconds(10));
        if (cluster.RunningInstances().Count(i => i.Host == loaded) != vmCount)
        {
            throw new InvalidOperationException($"benchmark cluster is mis-built: the VMs are not all on {loaded}");
        }

        return cluster;
    }
}
