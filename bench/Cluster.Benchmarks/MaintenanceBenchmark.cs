using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation;

namespace Cluster.Benchmarks;

/// <summary>
/// Maintenance mode in the whole-cluster simulation, in virtual time: from the operator's enter until a host that ran
/// 100 VMs (2 GB each, guests dirtying memory at the simulation's default rate) is in Maintenance, with 8 migrations
/// per host allowed at once (vSphere's figure on 10 GbE) and the cluster limit raised to match.
/// </summary>
public static class MaintenanceBenchmark
{
    private const int VmCount = 100;
    private const int PerHost = 8;

    public static void Run(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var hosts = Enumerable.Range(1, 4).Select(i => SimulatedHostSpec.Standard($"host-{i}", "ds-1")).ToList();
        var vrm = new VrmSettings { MaxOutboundMigrationsPerHost = PerHost, MaxMigrationsPerHost = PerHost, MaxConcurrentMigrations = PerHost * hosts.Count };
        var cluster = LoadedHostCluster.Build(new SimulatedClusterOptions { Hosts = hosts, Vrm = vrm }, VmCount);
        var emptied = hosts[0].HostId;

        cluster.Ask<HostView>(new EnterMaintenance(emptied));
        var enteredAt = cluster.Now;
        while (cluster.HostState(emptied)?.State != HostState.Maintenance)
        {
            if (cluster.Now - enteredAt > TimeSpan.FromMinutes(30))
            {
                throw new InvalidOperationException($"host-1 was not in maintenance within 30 simulated minutes: {cluster.HostState(emptied)?.State}");
            }

            cluster.Advance(TimeSpan.FromMilliseconds(100));
        }

        if (cluster.RunningInstances().Count(i => i.Host != emptied) != VmCount)
        {
            throw new InvalidOperationException("host-1 is in maintenance but not every VM runs elsewhere");
        }

        report("maintenance.evacuate_100vms_s", (cluster.Now - enteredAt).TotalSeconds, "s");
    }
}
