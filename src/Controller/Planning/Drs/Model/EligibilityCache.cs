using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>
/// The hosts a VM could ever run on, whatever else runs there: CPU baseline, datastore reach, must
/// rules, vCPU count and NUMA fit. VMs alike in those share one mask, so 40,000 VMs of a few kinds
/// cost a few masks rather than 40,000 passes over the hosts.
/// </summary>
internal sealed class EligibilityCache(HostSnapshot[] hosts, CompiledRules rules)
{
    private readonly Dictionary<Key, bool[]> masks = [];

    public bool[] AllowedHosts(VmSpec spec, int[] mustRules)
    {
        var key = new Key(
            spec.RequiredCpuBaseline,
            DatastoreKey(spec.Disks),
            mustRules.Length == 0 ? string.Empty : string.Join(',', mustRules),
            spec.Vcpus,
            spec.RequiresNumaFit ? spec.MemoryMb : -1);
        if (!masks.TryGetValue(key, out var mask))
        {
            mask = new bool[hosts.Length];
            for (var h = 0; h < hosts.Length; h++)
            {
                mask[h] = Why(h, spec, mustRules) == MoveRefusal.None;
            }

            masks[key] = mask;
        }

        return mask;
    }

    /// <summary>The first static check host <paramref name="h"/> fails for the VM, or None.</summary>
    public MoveRefusal Why(int h, VmSpec spec, int[] mustRules)
    {
        var host = hosts[h];
        if (!host.CpuFeatures.IsSupersetOf(spec.RequiredCpuBaseline))
        {
            return MoveRefusal.CpuIncompatible;
        }

        foreach (var rule in mustRules)
        {
            if (!rules.MustHosts[rule][h])
            {
                return MoveRefusal.MustRule;
            }
        }

        foreach (var disk in spec.Disks)
        {
            if (!host.Datastores.Contains(disk.Datastore))
            {
                return MoveRefusal.DatastoreUnreachable;
            }
        }

        if (spec.Vcpus > host.Hardware.UsableVcpus)
        {
            return MoveRefusal.Vcpus;
        }

        return spec.RequiresNumaFit && !host.Hardware.FitsOneNumaNode(spec.Vcpus, spec.MemoryMb) ? MoveRefusal.NumaFit : MoveRefusal.None;
    }

    private static string DatastoreKey(IReadOnlyList<VmDisk> disks) =>
        disks.Count == 1 ? disks[0].Datastore.Value : string.Join(',', disks.Select(d => d.Datastore.Value).Distinct().Order(StringComparer.Ordinal));

    private readonly record struct Key(CpuFeatureSet Baseline, string Datastores, string MustRules, int Vcpus, long NumaMemory);
}
