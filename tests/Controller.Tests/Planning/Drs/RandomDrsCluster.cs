using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

/// <summary>
/// A random DRS case from a seed: hosts of mixed sizes, CPUs, storage reach and states (some
/// unavailable); VMs placed where they fit, with skewed demand, reservations, limits, dirty rates and
/// NUMA requests; groups and rules of every kind, each admitted only if the validator accepts it (as
/// an operator's would be); some migrations already running; random settings.
/// </summary>
internal static class RandomDrsCluster
{
    private static readonly CpuFeatureSet OldIntel = new("GenuineIntel", ["sse4_2", "avx"]);
    private static readonly CpuFeatureSet NewIntel = new("GenuineIntel", ["sse4_2", "avx", "avx2", "avx512f"]);
    private static readonly CpuFeatureSet Amd = new("AuthenticAMD", ["sse4_2", "avx", "avx2"]);
    private static readonly CpuFeatureSet[] HostCpus = [OldIntel, NewIntel, Amd];
    private static readonly CpuFeatureSet[] Baselines = [CpuFeatureSet.None, CpuFeatureSet.None, CpuFeatureSet.None, OldIntel, NewIntel, Amd];
    private static readonly string[] Datastores = ["ds-1", "ds-2", "ds-3"];

    public static (DrsInput Input, DrsSettings Settings) Generate(ulong seed)
    {
        var random = new SplitMix64(seed);
        var hosts = Enumerable.Range(0, random.Between(2, 10)).Select(i => Host(random, i)).ToList();
        var used = hosts.ToDictionary(h => h.Id, _ => (Memory: 0L, Reserved: 0L, Cpu: 0L));
        var vms = new List<VmSnapshot>();
        var usage = new Dictionary<VmId, VmUsage>();
        for (var i = 0; i < random.Between(0, 40); i++)
        {
            var spec = Spec(random);
            var host = random.Pick(hosts);
            var (memory, reserved, cpu) = used[host.Id];
            var fits = memory + spec.MemoryMb <= host.Hardware.UsableMemoryMb && cpu + spec.CpuQos.Reservation <= host.Hardware.CpuCapacityMhz
                && spec.Vcpus <= host.Hardware.UsableVcpus;
            if (fits)
            {
                used[host.Id] = (memory + spec.MemoryMb, reserved + spec.MemoryQos.Reservation, cpu + spec.CpuQos.Reservation);
            }

            var id = new VmId($"vm-{i:D2}");
            vms.Add(new VmSnapshot(id, spec, fits ? host.Id : null, fits ? VmPowerState.Running : VmPowerState.Stopped));
            var demand = random.Pick([100.0, 500, 2000, 6000, 12_000]) * (host.Id.Value.EndsWith('0') ? 3 : 1);
            usage[id] = new VmUsage(demand, spec.MemoryMb * random.Between(10, 100) / 100.0, random.Pick([0.0, 0, 50, 400, 2000]), [demand, demand * random.Between(50, 150) / 100.0]);
        }

        var snapshot = new ClusterSnapshot(hosts, vms);
        var running = vms.Where(v => v.HoldsResources).ToList();
        var inFlight = running.Where(_ => random.Chance(8)).Select(v => new InFlightMigration(v.Id, v.Host!.Value, random.Pick(hosts).Id))
            .Where(f => f.Source != f.Target).ToList();
        var input = new DrsInput(snapshot, usage, Rules(random, hosts, vms))
        {
            InFlightMigrations = inFlight,
            UnavailableHosts = hosts.Where(_ => random.Chance(10)).Select(h => h.Id).ToHashSet(),
        };
        return (input, Settings(random));
    }

    public static DrsSettings Settings(SplitMix64 random) => DrsSettings.Default with
    {
        MigrationThreshold = random.Between(1, 5),
        AutomationLevel = random.Pick(Enum.GetValues<DrsAutomationLevel>()),
        MemoryOvercommitRatio = random.Pick([1.0, 1.0, 1.5]),
        MaxConcurrentMigrationsPerHost = random.Between(1, 4),
        MaxConcurrentMigrationsPerCluster = random.Between(1, 10),
        BalanceMemory = random.Chance(50),
    };

    private static HostSnapshot Host(SplitMix64 random, int index) => new(
        new HostId($"h-{index:D2}"),
        random.Chance(85) ? HostState.Normal : random.Pick([HostState.Maintenance, HostState.PoweredOff, HostState.Faulty]),
        new HostHardware(random.Between(1, 2), random.Pick([4, 8, 16]), random.Between(1, 2), 2000, random.Pick([16_384L, 32_768, 65_536])),
        random.Pick(HostCpus),
        Datastores.Where(_ => random.Chance(70)).Select(d => new DatastoreId(d)).ToHashSet());

    private static VmSpec Spec(SplitMix64 random)
    {
        var memory = random.Pick([1024L, 2048, 4096, 8192, 16_384]);
        var cpuReservation = random.Pick([0L, 0, 500, 2000]);
        return ClusterBuilder.Spec(
            memoryMb: memory,
            cpuReservationMhz: cpuReservation,
            vcpus: random.Pick([1, 2, 4, 8]),
            baseline: random.Pick(Baselines),
            datastore: random.Pick(Datastores)) with
        {
            MemoryQos = QosSpec.Default with { Reservation = random.Chance(30) ? memory / 2 : 0 },
            CpuQos = QosSpec.Default with { Reservation = cpuReservation, Limit = random.Chance(20) ? cpuReservation + 1000 : null },
            RequiresNumaFit = random.Chance(15),
        };
    }

    /// <summary>Random groups and rules, each kept only if the validator accepts it into the set so far.</summary>
    private static RuleSet Rules(SplitMix64 random, List<HostSnapshot> hosts, List<VmSnapshot> vms)
    {
        if (vms.Count < 4)
        {
            return RuleSet.Empty;
        }

        var rules = RuleSet.Empty;
        for (var g = 0; g < 3; g++)
        {
            rules = rules.With(new HostGroup($"hosts-{g}", hosts.Where(_ => random.Chance(50)).Select(h => h.Id).ToHashSet()));
            rules = rules.With(new VmGroup($"vms-{g}", Enumerable.Range(0, random.Between(1, 4)).Select(_ => random.Pick(vms).Id).ToHashSet()));
        }

        for (var r = 0; r < random.Between(0, 6); r++)
        {
            RuleSet proposed = random.Chance(50)
                ? rules.With(new VmHostRule($"rule-{r}", random.Pick(Enum.GetValues<VmHostRuleKind>()), $"vms-{random.Below(3)}", $"hosts-{random.Below(3)}"))
                : rules.With(new VmVmRule($"rule-{r}", random.Pick(Enum.GetValues<VmVmRuleKind>()), Enumerable.Range(0, random.Between(2, 3)).Select(_ => random.Pick(vms).Id).ToHashSet()));
            if (RuleSetValidator.ValidateChange(rules, proposed).Count == 0)
            {
                rules = proposed;
            }
        }

        return rules;
    }
}
