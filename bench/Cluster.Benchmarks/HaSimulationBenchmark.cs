using System.Diagnostics;
using Cluster.Simulation;
using Cluster.Simulation.Dst;

namespace Cluster.Benchmarks;

/// <summary>
/// HA in the whole-cluster simulation: how fast randomized fault runs go (seeds per wall-clock second, on
/// every core), and how long, in simulated time with default settings, it takes from a host crash until
/// the last of its 100 VMs runs again elsewhere.
/// </summary>
public static class HaSimulationBenchmark
{
    private const int MaxSeeds = 10_000;
    private const int VmCount = 100;
    private static readonly TimeSpan SeedBudget = TimeSpan.FromSeconds(60);

    public static void Run(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        RestartAll(report);
        SeedsPerSecond(report);
    }

    /// <summary>Seeds from 1 upwards on every core until 10,000 are done or 60 s have passed; any failing seed aborts.</summary>
    private static void SeedsPerSecond(Action<string, double, string> report)
    {
        var next = 0;
        var done = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() =>
        {
            int seed;
            while (stopwatch.Elapsed < SeedBudget && (seed = Interlocked.Increment(ref next)) <= MaxSeeds)
            {
                var result = DstRunner.Run(seed);
                if (!result.Passed)
                {
                    throw new InvalidOperationException(result.Report);
                }

                Interlocked.Increment(ref done);
            }
        })).ToArray();
        Task.WaitAll(workers);
        stopwatch.Stop();
        Console.WriteLine($"# dst: {done} seeds in {stopwatch.Elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores");
        report("dst.seeds_per_s", done / stopwatch.Elapsed.TotalSeconds, "seeds/s");
    }

    private static void RestartAll(Action<string, double, string> report)
    {
        var hosts = Enumerable.Range(1, 4).Select(i => SimulatedHostSpec.Standard($"host-{i}", "ds-1")).ToList();
        var cluster = LoadedHostCluster.Build(new SimulatedClusterOptions { Hosts = hosts }, VmCount);
        var failing = hosts[0].HostId;
        cluster.CrashHost(failing);
        var crashedAt = cluster.Now;
        while (cluster.RunningInstances().Count(i => i.Host != failing) < VmCount)
        {
            if (cluster.Now - crashedAt > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException("the VMs were not all restarted within 10 simulated minutes");
            }

            cluster.Advance(TimeSpan.FromMilliseconds(100));
        }

        report("ha.restart_all_100vms_s", (cluster.Now - crashedAt).TotalSeconds, "s");
    }
}
