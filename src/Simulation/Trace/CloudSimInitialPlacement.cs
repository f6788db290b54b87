namespace Cluster.Simulation.Trace;

/// <summary>
/// Time-0 placement as CloudSim 3.0.3 does it: VMs in list order, each asking for its full MIPS and
/// RAM; VMs already placed ask for nothing yet (their traces have not started).
/// </summary>
public static class CloudSimInitialPlacement
{
    /// <summary>The first host with a fast enough core and room for the VM's MIPS and RAM (DVFS, NPA).</summary>
    public static IReadOnlyList<Migration> FirstFit(IDataCenterView view) => Place(view, null);

    /// <summary>
    /// Power-aware best fit: the host whose power would rise least, skipping non-empty hosts the
    /// detector would call overloaded with the VM added (the migration policies' placement).
    /// </summary>
    public static IReadOnlyList<Migration> PowerAwareBestFit(IDataCenterView view, IOverloadDetector detector) =>
        Place(view, detector);

    private static List<Migration> Place(IDataCenterView view, IOverloadDetector? detector)
    {
        var hosts = view.HostCount;
        var allocatedMips = new double[hosts];
        var ramUsed = new int[hosts];
        var placements = new List<Migration>(view.VmCount);
        ReadOnlySpan<double> noHistory = [0.0];
        for (var vm = 0; vm < view.VmCount; vm++)
        {
            var snapshot = view.Vm(vm);
            var best = -1;
            var bestIncrease = double.MaxValue;
            for (var host = 0; host < hosts; host++)
            {
                var type = view.Host(host).Type;
                var free = type.TotalMips - allocatedMips[host];
                if (type.MipsPerPe < snapshot.Mips || free < snapshot.Mips || ramUsed[host] + snapshot.RamMb > type.RamMb)
                {
                    continue;
                }

                if (detector is null)
                {
                    best = host;
                    break;
                }

                if (allocatedMips[host] != 0 && detector.IsOverloaded(
                        new HostLoad(type.TotalMips, snapshot.Mips, noHistory, view.MigrationSeconds(vm), view.SchedulingIntervalSeconds)))
                {
                    continue;
                }

                var watts = type.Power.Watts((allocatedMips[host] + snapshot.Mips) / type.TotalMips);
                var increase = watts - type.Power.Watts(0);
                if (!double.IsNaN(watts) && increase < bestIncrease)
                {
                    bestIncrease = increase;
                    best = host;
                }
            }

            if (best >= 0)
            {
                allocatedMips[best] += Math.Min(snapshot.Mips, view.Host(best).Type.MipsPerPe);
                ramUsed[best] += snapshot.RamMb;
                placements.Add(new Migration(vm, best));
            }
        }

        return placements;
    }
}
