namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>Host load, the imbalance it makes, and committing (and undoing) moves.</summary>
internal sealed partial class ClusterModel
{
    /// <summary>A host's load: its CPU demand over capacity, or its active memory over capacity when larger (and balanced).</summary>
    public double Load(int h) => LoadOf(h, cpuDemand[h], activeMemory[h]);

    /// <summary>The unit's share of host <paramref name="h"/>.</summary>
    public double UnitLoadOn(int u, int h) => LoadOf(h, unitTotals[u].Cpu, unitTotals[u].ActiveMemory);

    public double LoadWith(int u, int h) => LoadOf(h, cpuDemand[h] + unitTotals[u].Cpu, activeMemory[h] + unitTotals[u].ActiveMemory);

    public double LoadWithout(int u, int h) => LoadOf(h, cpuDemand[h] - unitTotals[u].Cpu, activeMemory[h] - unitTotals[u].ActiveMemory);

    public UnitTotals TotalsOf(int u) => unitTotals[u];

    /// <summary>CPU demand and capacity of a host (MHz), and active memory and capacity (MB): DPM's utilisation.</summary>
    public (double CpuDemand, double CpuCapacity, double ActiveMemory, double MemoryCapacity) UsageOf(int h) =>
        (cpuDemand[h], cpuCapacity[h], activeMemory[h], memoryCapacity[h]);

    public int AvailableCount => availableCount;

    public double MeanLoad => availableCount == 0 ? 0 : loadSum / availableCount;

    /// <summary>The standard deviation of load over available hosts: what DRS keeps under the tolerance.</summary>
    public double Imbalance => StandardDeviation(loadSum, loadSquares);

    /// <summary>The imbalance if unit <paramref name="u"/> moved to <paramref name="t"/>, in O(1).</summary>
    public double ImbalanceIfMoved(int u, int t)
    {
        var (sum, squares) = (loadSum, loadSquares);
        var s = unitHost[u];
        if (s >= 0 && available[s])
        {
            var (before, after) = (Load(s), LoadWithout(u, s));
            sum += after - before;
            squares += (after * after) - (before * before);
        }

        if (available[t])
        {
            var (before, after) = (Load(t), LoadWith(u, t));
            sum += after - before;
            squares += (after * after) - (before * before);
        }

        return StandardDeviation(sum, squares);
    }

    public void Move(int u, int t) => Relocate(u, t, record: true);

    /// <summary>Takes back every move made after the log had <paramref name="length"/> entries.</summary>
    public void UndoTo(int length)
    {
        while (log.Count > length)
        {
            var (u, from, to) = log[^1];
            log.RemoveAt(log.Count - 1);
            Relocate(u, from, record: false);
            var size = unitVms[u].Length;
            migrations[to] -= 2 * size; // the forward move and this return both counted
            if (from >= 0)
            {
                migrations[from] -= 2 * size;
            }

            ClusterMigrations -= 2 * size;
        }
    }

    /// <summary>The moves made since the log had <paramref name="length"/> entries: (unit, from, to).</summary>
    public IReadOnlyList<(int Unit, int From, int To)> MovesSince(int length) => log.GetRange(length, log.Count - length);

    /// <summary>Makes a host stop (or start) counting as a target and in the imbalance (DPM powering it off).</summary>
    public void SetAvailable(int h, bool value)
    {
        available[h] = value;
        RecomputeStatistics();
    }

    private void Relocate(int u, int t, bool record)
    {
        var s = unitHost[u];
        var totals = unitTotals[u];
        var size = unitVms[u].Length;
        if (s >= 0)
        {
            RemoveFromStatistics(s);
            AddToHost(s, totals, -1);
            AddToStatistics(s);
            unitsOnHost[s].Remove(u);
            migrations[s] += size;
        }

        RemoveFromStatistics(t);
        AddToHost(t, totals, +1);
        AddToStatistics(t);
        unitsOnHost[t].Add(u);
        unitHost[u] = t;
        migrations[t] += s >= 0 ? size : 0;
        ClusterMigrations += s >= 0 ? size : 0;
        foreach (var v in unitVms[u])
        {
            foreach (var r in vmApart[v])
            {
                if (s >= 0)
                {
                    apartOnHost[r][s]--;
                }

                apartOnHost[r][t]++;
            }

            vmHost[v] = t;
        }

        if (record)
        {
            log.Add((u, s, t));
        }
    }

    private void RemoveFromStatistics(int h)
    {
        if (available[h])
        {
            var load = Load(h);
            loadSum -= load;
            loadSquares -= load * load;
        }
    }

    private void AddToStatistics(int h)
    {
        if (available[h])
        {
            var load = Load(h);
            loadSum += load;
            loadSquares += load * load;
        }
    }

    private double LoadOf(int h, double cpu, double memory)
    {
        var cpuLoad = Ratio(cpu, cpuCapacity[h]);
        return settings.BalanceMemory ? Math.Max(cpuLoad, Ratio(memory, memoryCapacity[h])) : cpuLoad;
    }

    private static double Ratio(double used, double capacity) => capacity > 0 ? used / capacity : (used > 0 ? 10 : 0);

    private double StandardDeviation(double sum, double squares)
    {
        if (availableCount == 0)
        {
            return 0;
        }

        var mean = sum / availableCount;
        return Math.Sqrt(Math.Max(0, (squares / availableCount) - (mean * mean)));
    }
}
