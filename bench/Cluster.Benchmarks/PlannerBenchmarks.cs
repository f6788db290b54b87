using System.Diagnostics;
using Cluster.Controller.Planning.Dpm;
using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Benchmarks;

/// <summary>
/// Times the DRS and DPM planners on clusters built by index arithmetic (every run plans the same
/// case): a DRS pass on 96 hosts / 10,000 VMs (vSphere's largest cluster) and on 2,500 hosts / 40,000
/// VMs, both with skewed demand so balancing has work, a few rules and mixed CPUs; and a DPM pass on
/// 800 PlanetLab-sized hosts (2 cores, 1860/2660 MHz, 4 GB) with 1,000 small VMs, every host a
/// power-off candidate. Each figure is the median of several runs after a timed warm-up (tiered JIT).
/// </summary>
public static class PlannerBenchmarks
{
    private const int MeasuredRuns = 15;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);

    public static void Run(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var drsSettings = DrsSettings.Default with { MigrationThreshold = 4 };
        var small = BuildDrsCluster(96, 10_000);
        report("drs.plan_96hosts_10kvms_ms", Median(() => DrsPlanner.Plan(small, drsSettings).Migrations.Count), "ms");

        // Threshold 1 indexes the input and checks must rules but does not balance: the fixed part of a pass.
        report("drs.index_96hosts_10kvms_ms", Median(() => 1 + DrsPlanner.Plan(small, drsSettings with { MigrationThreshold = 1 }).Migrations.Count), "ms");
        var large = BuildDrsCluster(2_500, 40_000);
        report("drs.plan_2500hosts_40kvms_ms", Median(() => DrsPlanner.Plan(large, drsSettings).Migrations.Count), "ms");
        var planetLab = BuildPlanetLabCluster(800, 1_000);
        var dpmSettings = DpmSettings.Default with { PowerOffWindow = TimeSpan.Zero };
        var now = DateTimeOffset.UnixEpoch;
        report("dpm.plan_800hosts_ms", Median(() => DpmPlanner.Plan(planetLab, dpmSettings, DpmState.Initial, now).Plan.Recommendations.Count), "ms");
    }

    /// <summary>Warm up, then the median wall time of <see cref="MeasuredRuns"/> runs; a plan with no work is a mis-built case.</summary>
    private static double Median(Func<int> plan)
    {
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < 5 || warmup.Elapsed < WarmupTime; i++)
        {
            if (plan() == 0)
            {
                throw new InvalidOperationException("benchmark cluster is mis-built: the planner had nothing to do");
            }
        }

        var times = new double[MeasuredRuns];
        for (var i = 0; i < MeasuredRuns; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            plan();
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[MeasuredRuns / 2];
    }

    private static DrsInput BuildDrsCluster(int hostCount, int vmCount)
    {
        CpuFeatureSet[] cpus = [new("GenuineIntel", ["sse4_2", "avx", "avx2"]), new("GenuineIntel", ["sse4_2", "avx", "avx2", "avx512f"])];
        CpuFeatureSet[] baselines = [CpuFeatureSet.None, cpus[0], cpus[1]];
        var hosts = new List<HostSnapshot>(hostCount);
        for (var h = 0; h < hostCount; h++)
        {
            var reach = Enumerable.Range(0, 4).Where(d => d != h % 4).Select(d => new DatastoreId($"ds-{d}")).ToHashSet();
            hosts.Add(new HostSnapshot(new HostId($"host-{h:D4}"), HostState.Normal, new HostHardware(2, 16, 2, 2600, 1_048_576), cpus[h % 2], reach));
        }

        var vms = new List<VmSnapshot>(vmCount);
        var usage = new Dictionary<VmId, VmUsage>(vmCount);
        for (var n = 0; n < vmCount; n++)
        {
            // A tenth of the hosts get twice their share of VMs, so the pass has imbalance to remove.
            var h = n % (hostCount + (hostCount / 10));
            h = h >= hostCount ? h - hostCount : h;
            var datastore = new DatastoreId($"ds-{(h + 1 + (n % 3)) % 4}");
            var baseline = baselines[n % 3] == cpus[1] && h % 2 == 0 ? cpus[0] : baselines[n % 3];
            var spec = new VmSpec($"vm-{n}", 1 << (n % 3), 2048L << (n % 3), [new VmDisk(datastore, 40)], QosSpec.Default, QosSpec.Default, true, RestartPriority.Medium, baseline);
            var id = new VmId($"vm-{n:D5}");
            vms.Add(new VmSnapshot(id, spec, hosts[h].Id, VmPowerState.Running));
            var demand = 200.0 + (n * 7919 % 1800);
            usage[id] = new VmUsage(demand, spec.MemoryMb / 2.0, n % 50, [demand * 0.8, demand, demand * 1.2]);
        }

        var rules = RuleSet.Empty
            .With(new HostGroup("licensed", hosts.Take(hostCount / 4).Select(x => x.Id).ToHashSet()))
            .With(new VmGroup("oracle", vms.Where((_, i) => i % 97 == 0).Select(v => v.Id).ToHashSet()))
            .With(new VmHostRule("oracle-licensed", VmHostRuleKind.ShouldRunOn, "oracle", "licensed"));
        for (var g = 0; g < 50; g++)
        {
            rules = rules.With(new VmVmRule($"apart-{g}", VmVmRuleKind.AntiAffinity, vms.Skip(g * 3 * 7).Take(3).Select(v => v.Id).ToHashSet()));
        }

        return new DrsInput(new ClusterSnapshot(hosts, vms), usage, rules);
    }

    /// <summary>Built the way a trace adapter would, from numbers, through <see cref="DrsInputBuilder"/>.</summary>
    private static DrsInput BuildPlanetLabCluster(int hostCount, int vmCount)
    {
        var builder = new DrsInputBuilder();
        for (var h = 0; h < hostCount; h++)
        {
            builder.AddHost($"host-{h:D3}", cores: 2, mhzPerCore: h % 2 == 0 ? 1860 : 2660, memoryMb: 4096);
        }

        long[] mips = [2500, 2000, 1000, 500];
        long[] memory = [870, 1740, 1740, 613];
        for (var n = 0; n < vmCount; n++)
        {
            var type = n % 4;
            builder.AddVm($"vm-{n:D4}", $"host-{n % hostCount:D3}", 1, memory[type], mips[type] * (0.05 + (n * 37 % 16 / 100.0)));
        }

        return builder.Build();
    }
}
