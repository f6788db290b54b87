using Cluster.Controller.Planning.HaRestart;
using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning;

/// <summary>
/// A random but valid cluster for invariant tests: hosts of mixed sizes, states, CPUs and storage
/// reach; VMs placed only where they fit; a few rules; some hosts failed (some of them still shown
/// Normal, as a lagging snapshot would). The VMs of the failed hosts are to be restarted.
/// </summary>
internal sealed record RandomCluster(ClusterSnapshot Snapshot, IReadOnlySet<HostId> FailedHosts, IReadOnlyList<RestartRequest> Restarts)
{
    private static readonly CpuFeatureSet OldIntel = new("GenuineIntel", ["sse4_2", "avx"]);
    private static readonly CpuFeatureSet NewIntel = new("GenuineIntel", ["sse4_2", "avx", "avx2", "avx512f"]);
    private static readonly CpuFeatureSet Amd = new("AuthenticAMD", ["sse4_2", "avx", "avx2"]);
    private static readonly CpuFeatureSet[] HostCpus = [OldIntel, NewIntel, Amd];
    private static readonly CpuFeatureSet[] Baselines = [CpuFeatureSet.None, CpuFeatureSet.None, OldIntel, NewIntel, Amd];
    private static readonly string[] Datastores = ["ds-1", "ds-2", "ds-3"];
    private static readonly HostState[] OtherStates = [HostState.Maintenance, HostState.Connecting, HostState.PoweredOff, HostState.Faulty];

    public static RandomCluster Generate(ulong seed)
    {
        var random = new SplitMix64(seed);
        var hosts = Enumerable.Range(0, random.Between(2, 12)).Select(i => RandomHost(random, i)).ToList();
        var failed = hosts.Where(h => h.State == HostState.Normal && random.Chance(25)).Select(h => h.Id).ToHashSet();
        hosts = [.. hosts.Select(h => failed.Contains(h.Id) && random.Chance(50) ? h with { State = HostState.Faulty } : h)];
        var allocated = hosts.ToDictionary(h => h.Id, _ => Resources.Zero);
        var vms = new List<VmSnapshot>();
        for (var i = random.Between(0, 60); i > 0; i--)
        {
            var spec = RandomSpec(random);
            var host = random.Pick(hosts);
            var fits = spec.Vcpus <= host.Hardware.UsableVcpus && (allocated[host.Id] + VmDemand.Of(spec)).FitsIn(host.Capacity);
            if (fits)
            {
                allocated[host.Id] += VmDemand.Of(spec);
            }

            var state = !fits ? VmPowerState.Stopped : failed.Contains(host.Id) ? VmPowerState.Unknown : VmPowerState.Running;
            vms.Add(new VmSnapshot(new VmId($"vm-{i:D2}"), spec, fits ? host.Id : null, state));
        }

        var snapshot = new ClusterSnapshot(hosts, vms, RandomRules(random, hosts, vms));
        var restarts = vms.Where(v => v.HoldsResources && failed.Contains(v.Host!.Value)).Select(v => new RestartRequest(v.Id)).ToList();
        return new RandomCluster(snapshot, failed, restarts);
    }

    public static VmSpec RandomSpec(SplitMix64 random) => ClusterBuilder.Spec(
        memoryMb: random.Pick([1024L, 2048, 4096, 8192, 16_384]),
        cpuReservationMhz: random.Pick([0L, 0, 500, 2000, 6000]),
        vcpus: random.Pick([1, 2, 4, 8]),
        priority: random.Pick(Enum.GetValues<RestartPriority>()),
        baseline: random.Pick(Baselines),
        datastore: random.Pick(Datastores));

    private static HostSnapshot RandomHost(SplitMix64 random, int index)
    {
        var cores = random.Pick([4, 8, 16]);
        var hardware = new HostHardware(random.Between(1, 2), cores, random.Between(1, 2), 2000, random.Pick([16_384L, 32_768, 65_536]));
        return new HostSnapshot(
            new HostId($"h-{index:D2}"),
            random.Chance(80) ? HostState.Normal : random.Pick(OtherStates),
            hardware,
            random.Pick(HostCpus),
            Datastores.Where(_ => random.Chance(70)).Select(d => new DatastoreId(d)).ToHashSet());
    }

    private static PlacementRules RandomRules(SplitMix64 random, List<HostSnapshot> hosts, List<VmSnapshot> vms)
    {
        if (vms.Count < 4)
        {
            return PlacementRules.None;
        }

        var groups = Enumerable.Range(0, random.Between(0, 3))
            .Select(g => new AntiAffinityRule($"group-{g}", Enumerable.Range(0, random.Between(2, 5)).Select(_ => random.Pick(vms).Id).ToHashSet()))
            .ToList();
        var must = Enumerable.Range(0, random.Between(0, 2))
            .Select(m => new VmHostMustRule(
                $"must-{m}",
                Enumerable.Range(0, random.Between(1, 3)).Select(_ => random.Pick(vms).Id).ToHashSet(),
                hosts.Where(_ => random.Chance(50)).Select(h => h.Id).ToHashSet()))
            .ToList();
        return new PlacementRules(must, groups);
    }
}
