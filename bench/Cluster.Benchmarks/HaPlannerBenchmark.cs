using System.Diagnostics;
using Cluster.Controller.Planning.HaRestart;
using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Benchmarks;

/// <summary>
/// Times the HA restart planner on a large failure: 10 of 500 hosts fail with 100 VMs each, and the
/// 1000 VMs are planned across the 490 survivors (which already run 20 VMs each), under a realistic
/// mix of CPU baselines, datastore reach, anti-affinity groups and a must rule. The cluster is built
/// by index arithmetic, not randomness, so every run plans the same case.
/// </summary>
public static class HaPlannerBenchmark
{
    private const int HostCount = 500;
    private const int FailedHostCount = 10;
    private const int VmsPerFailedHost = 100;
    private const int VmsPerSurvivor = 20;
    private const int MeasuredRuns = 30;

    // Long enough for tiered JIT to replace tier-0 code with optimized code (which takes 30 calls and
    // a background delay); a count-based warm-up of a few runs measured tier-0 code, 3x too slow.
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);
    private const int MinWarmupRuns = 40;

    public static void Run(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (snapshot, failed, restarts) = BuildCluster();
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < MinWarmupRuns || warmup.Elapsed < WarmupTime; i++)
        {
            HaRestartPlanner.Plan(snapshot, failed, restarts);
        }

        var stopwatch = Stopwatch.StartNew();
        RestartPlan? plan = null;
        for (var i = 0; i < MeasuredRuns; i++)
        {
            plan = HaRestartPlanner.Plan(snapshot, failed, restarts);
        }

        stopwatch.Stop();
        if (plan!.Restarts.Count == 0)
        {
            throw new InvalidOperationException("benchmark cluster is mis-built: nothing was placed");
        }

        report("ha.plan_1000vms_500hosts_ms", stopwatch.Elapsed.TotalMilliseconds / MeasuredRuns, "ms");
    }

    private static (ClusterSnapshot Snapshot, IReadOnlySet<HostId> Failed, IReadOnlyList<RestartRequest> Restarts) BuildCluster()
    {
        CpuFeatureSet[] cpus =
        [
            new("GenuineIntel", ["sse4_2", "avx", "avx2"]),
            new("GenuineIntel", ["sse4_2", "avx", "avx2", "avx512f"]),
        ];
        CpuFeatureSet[] baselines = [CpuFeatureSet.None, cpus[0], cpus[1]];
        var hosts = new List<HostSnapshot>();
        var vms = new List<VmSnapshot>();
        for (var h = 0; h < HostCount; h++)
        {
            var id = new HostId($"host-{h:D3}");
            var reach = Enumerable.Range(0, 4).Where(d => d != h % 4).Select(d => new DatastoreId($"ds-{d}")).ToHashSet();
            hosts.Add(new HostSnapshot(id, HostState.Normal, new HostHardware(2, 16, 2, 2600, 524_288), cpus[h % 2], reach));
            var failedHost = h < FailedHostCount;
            for (var v = 0; v < (failedHost ? VmsPerFailedHost : VmsPerSurvivor); v++)
            {
                var n = vms.Count;
                var spec = new VmSpec(
                    $"vm-{n}",
                    1 << (n % 4),
                    4096L << (n % 3),
                    [new VmDisk(new DatastoreId($"ds-{(h + 1 + (n % 3)) % 4}"), 40)],
                    QosSpec.Default with { Reservation = (n % 5) * 500L },
                    QosSpec.Default,
                    HaEnabled: true,
                    (RestartPriority)(n % 3),
                    baselines[n % 3]);
                vms.Add(new VmSnapshot(new VmId($"vm-{n:D5}"), spec, id, failedHost ? VmPowerState.Unknown : VmPowerState.Running));
            }
        }

        // 50 anti-affinity groups of 5 restarted VMs each, and 20 restarted VMs bound to 40 hosts.
        var restarted = vms.Take(FailedHostCount * VmsPerFailedHost).Select(v => v.Id).ToList();
        var groups = Enumerable.Range(0, 50).Select(g => new AntiAffinityRule($"group-{g}", restarted.Skip(g * 5).Take(5).ToHashSet())).ToList();
        var must = new VmHostMustRule("licensed", restarted.Skip(900).Take(20).ToHashSet(), hosts.Skip(100).Take(40).Select(h => h.Id).ToHashSet());
        var snapshot = new ClusterSnapshot(hosts, vms, new PlacementRules([must], groups));
        var failed = hosts.Take(FailedHostCount).Select(h => h.Id).ToHashSet();
        return (snapshot, failed, [.. restarted.Select(v => new RestartRequest(v))]);
    }
}
