using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>Whether a host can take a unit, and how loaded hosts are. Loops, not LINQ: these run per (unit, host) pair.</summary>
internal sealed partial class ClusterModel
{
    /// <summary>The first check host <paramref name="t"/> fails for unit <paramref name="u"/>, or None.</summary>
    public MoveRefusal Check(int u, int t, bool withinConcurrency = true)
    {
        if (!available[t] || unitHost[u] == t)
        {
            return MoveRefusal.HostUnavailable;
        }

        var totals = unitTotals[u];
        if (!totals.Allowed[t])
        {
            return StaticRefusal(u, t);
        }

        if (memoryAllocated[t] + totals.Memory > memoryCapacity[t] * settings.MemoryOvercommitRatio)
        {
            return MoveRefusal.Memory;
        }

        if (memoryReserved[t] + totals.MemoryReservation > memoryCapacity[t])
        {
            return MoveRefusal.MemoryReservation;
        }

        if (cpuReserved[t] + totals.CpuReservation > cpuCapacity[t])
        {
            return MoveRefusal.CpuReservation;
        }

        foreach (var v in unitVms[u])
        {
            foreach (var r in vmApart[v])
            {
                if (apartOnHost[r][t] > 0)
                {
                    return MoveRefusal.AntiAffinity;
                }
            }
        }

        return withinConcurrency && !ConcurrencyAllows(u, t) ? MoveRefusal.Concurrency : MoveRefusal.None;
    }

    /// <summary>Moving the unit stays within the per-host limit on both ends and the cluster limit.</summary>
    public bool ConcurrencyAllows(int u, int t)
    {
        var size = unitVms[u].Length;
        var s = unitHost[u];
        var perHost = settings.MaxConcurrentMigrationsPerHost;
        return (s < 0 || migrations[s] + size <= perHost)
            && migrations[t] + size <= perHost
            && ClusterMigrations + size <= settings.MaxConcurrentMigrationsPerCluster;
    }

    /// <summary>An operator's account of a refusal, naming the rule or the figures.</summary>
    public string Describe(int u, int t, MoveRefusal refusal)
    {
        var totals = unitTotals[u];
        var host = hosts[t];
        return refusal switch
        {
            MoveRefusal.HostUnavailable => unitHost[u] == t ? "already there" : $"host is {host.State} or unavailable to this plan",
            MoveRefusal.CpuIncompatible => $"CPU {host.CpuFeatures} lacks a baseline of {UnitNames(u)}",
            MoveRefusal.MustRule => $"must rule {BrokenMustRules(u, t)}",
            MoveRefusal.DatastoreUnreachable => $"cannot reach a datastore of {UnitNames(u)}",
            MoveRefusal.NumaFit => $"{UnitNames(u)} does not fit one NUMA node",
            MoveRefusal.Vcpus => $"too few vCPUs ({host.Hardware.UsableVcpus})",
            MoveRefusal.Memory => $"memory {memoryAllocated[t] + totals.Memory} MB would exceed {memoryCapacity[t] * settings.MemoryOvercommitRatio} MB (overcommit {settings.MemoryOvercommitRatio})",
            MoveRefusal.MemoryReservation => $"memory reservations {memoryReserved[t] + totals.MemoryReservation} MB would exceed {memoryCapacity[t]} MB",
            MoveRefusal.CpuReservation => $"CPU reservations {cpuReserved[t] + totals.CpuReservation} MHz would exceed {cpuCapacity[t]} MHz",
            MoveRefusal.AntiAffinity => $"anti-affinity rule {ApartRulesHit(u, t)} already has a VM there",
            MoveRefusal.Concurrency => "concurrent migration limit reached",
            _ => refusal.ToString(),
        };
    }

    /// <summary>Why no host can take the unit: the first refusal of each host, counted, with an example.</summary>
    public string ExplainNoHost(int u, bool withinConcurrency)
    {
        var counts = new SortedDictionary<MoveRefusal, (int Count, int Example)>();
        for (var t = 0; t < hosts.Length; t++)
        {
            var refusal = Check(u, t, withinConcurrency);
            if (refusal != MoveRefusal.None && !(refusal == MoveRefusal.HostUnavailable && unitHost[u] == t))
            {
                counts[refusal] = counts.TryGetValue(refusal, out var c) ? (c.Count + 1, c.Example) : (1, t);
            }
        }

        var parts = counts.Select(c => $"{c.Key} on {c.Value.Count} host(s), e.g. {hosts[c.Value.Example].Id}: {Describe(u, c.Value.Example, c.Key)}");
        return $"no host can take {UnitNames(u)}: {string.Join("; ", parts)}";
    }

    /// <summary>The must rule the VM's current host breaks, or null (CPU and storage are not re-judged for a running VM).</summary>
    public string? BrokenMustRuleOfVm(int v)
    {
        var h = vmHost[v];
        foreach (var r in vmMust[v])
        {
            if (h >= 0 && !rules.MustHosts[r][h])
            {
                return rules.MustNames[r];
            }
        }

        return null;
    }

    /// <summary>The anti-affinity rules under which the VM shares its host with another member.</summary>
    public string? BrokenApartRuleOfVm(int v)
    {
        var h = vmHost[v];
        foreach (var r in vmApart[v])
        {
            if (h >= 0 && apartOnHost[r][h] > 1)
            {
                return rules.ApartNames[r];
            }
        }

        return null;
    }

    /// <summary>How many (VM, should rule) pairs of the unit host <paramref name="h"/> would break.</summary>
    public int ShouldViolations(int u, int h)
    {
        var count = 0;
        foreach (var v in unitVms[u])
        {
            foreach (var r in vmShould[v])
            {
                if (!rules.ShouldHosts[r][h])
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>The should rules the unit breaks on <paramref name="h"/>, as (rule, VM) pairs.</summary>
    public IEnumerable<(string Rule, VmId Vm)> ShouldBreaks(int u, int h)
    {
        foreach (var v in unitVms[u])
        {
            foreach (var r in vmShould[v])
            {
                if (!rules.ShouldHosts[r][h])
                {
                    yield return (rules.ShouldNames[r], vms[v].Id);
                }
            }
        }
    }

    public string UnitNames(int u) => string.Join("+", unitVms[u].Select(v => vms[v].Id.Value));

    private MoveRefusal StaticRefusal(int u, int t)
    {
        foreach (var v in unitVms[u])
        {
            var why = Eligibility.Why(t, vms[v].Spec, vmMust[v]);
            if (why != MoveRefusal.None)
            {
                return why;
            }
        }

        return MoveRefusal.HostUnavailable;
    }

    private string BrokenMustRules(int u, int t) =>
        string.Join(", ", unitVms[u].SelectMany(v => vmMust[v]).Where(r => !rules.MustHosts[r][t]).Select(r => rules.MustNames[r]).Distinct());

    private string ApartRulesHit(int u, int t) =>
        string.Join(", ", unitVms[u].SelectMany(v => vmApart[v]).Where(r => apartOnHost[r][t] > 0).Select(r => rules.ApartNames[r]).Distinct());
}
