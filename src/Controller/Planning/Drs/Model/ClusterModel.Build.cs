using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>The parts of <see cref="ClusterModel"/>'s construction that group VMs and sum hosts.</summary>
internal sealed partial class ClusterModel
{
    private EligibilityCache? eligibility;

    private EligibilityCache Eligibility => eligibility ??= new EligibilityCache(hosts, rules);

    /// <summary>One unit per VM, except that the VMs of one affinity component on one host form one.</summary>
    private void BuildUnits(double[] seconds, double[] stability)
    {
        var grouped = new Dictionary<(VmId Root, int Host), List<int>>();
        var members = new List<List<int>>();
        for (var v = 0; v < vms.Length; v++)
        {
            if (!rules.Affinity.IsGrouped(vms[v].Id))
            {
                members.Add([v]); // most VMs: a unit of one, without a dictionary entry
                continue;
            }

            var root = rules.Affinity.Find(vms[v].Id);
            if (!grouped.TryGetValue((root, vmHost[v]), out var list))
            {
                grouped[(root, vmHost[v])] = list = [];
                members.Add(list);
            }

            list.Add(v);
        }

        foreach (var list in members)
        {
            AddUnit([.. list], seconds, stability);
        }
    }

    private void AddUnit(int[] members, double[] seconds, double[] stability)
    {
        var u = unitVms.Count;
        var host = vmHost[members[0]];
        double cpu = 0, active = 0, memory = 0, memoryReservation = 0, cpuReservation = 0, time = 0, steady = 1;
        var inFlight = false;
        var allowed = vmAllowed[members[0]];
        foreach (var v in members)
        {
            cpu += vmCpu[v];
            active += vmActive[v];
            memory += vmMemory[v];
            memoryReservation += vmMemoryReservation[v];
            cpuReservation += vmCpuReservation[v];
            time += seconds[v];
            steady = Math.Min(steady, stability[v]);
            inFlight |= vmInFlight[v];
            if (!ReferenceEquals(allowed, vmAllowed[v]))
            {
                allowed = [.. allowed.Zip(vmAllowed[v], (a, b) => a && b)];
            }

            if (host >= 0)
            {
                foreach (var r in vmApart[v])
                {
                    apartOnHost[r][host]++;
                }
            }
        }

        unitVms.Add(members);
        unitHost.Add(host);
        unitTotals.Add(new UnitTotals(cpu, active, memory, memoryReservation, cpuReservation, time, steady, inFlight, allowed));
        if (host >= 0)
        {
            unitsOnHost[host].Add(u);
            AddToHost(host, unitTotals[u], +1);
        }
    }

    /// <summary>A running migration holds room on its target (the copy fills it) and counts against the limits.</summary>
    private void AddInFlightMigrations(IReadOnlyList<InFlightMigration> inFlight)
    {
        var vmIndex = new Dictionary<VmId, int>();
        for (var v = 0; v < vms.Length; v++)
        {
            if (vmInFlight[v])
            {
                vmIndex[vms[v].Id] = v;
            }
        }

        foreach (var migration in inFlight)
        {
            var (s, t) = (IndexOf(migration.Source), IndexOf(migration.Target));
            foreach (var h in new[] { s, t }.Where(h => h >= 0).Distinct())
            {
                migrations[h]++;
            }

            ClusterMigrations++;
            if (t >= 0 && vmIndex.TryGetValue(migration.Vm, out var v) && vmHost[v] != t)
            {
                memoryAllocated[t] += vmMemory[v];
                memoryReserved[t] += vmMemoryReservation[v];
                cpuReserved[t] += vmCpuReservation[v];
                foreach (var r in vmApart[v])
                {
                    apartOnHost[r][t]++;
                }
            }
        }
    }

    private void AddToHost(int h, UnitTotals totals, int sign)
    {
        cpuDemand[h] += sign * totals.Cpu;
        activeMemory[h] += sign * totals.ActiveMemory;
        memoryAllocated[h] += sign * totals.Memory;
        memoryReserved[h] += sign * totals.MemoryReservation;
        cpuReserved[h] += sign * totals.CpuReservation;
    }

    private void RecomputeStatistics()
    {
        (loadSum, loadSquares, availableCount) = (0, 0, 0);
        for (var h = 0; h < hosts.Length; h++)
        {
            if (available[h])
            {
                var load = Load(h);
                loadSum += load;
                loadSquares += load * load;
                availableCount++;
            }
        }
    }
}
