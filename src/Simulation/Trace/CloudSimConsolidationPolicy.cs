namespace Cluster.Simulation.Trace;

/// <summary>
/// CloudSim 3.0.3's dynamic consolidation (Beloglazov &amp; Buyya 2012) with minimum-migration-time
/// VM selection: (1) hosts the detector calls overloaded shed their smallest-RAM VMs until they are
/// not; (2) those VMs go, largest demand first, to the host whose power rises least (PABFD) among
/// hosts that stay non-overloaded; (3) the least utilised hosts are emptied when all their VMs fit
/// elsewhere. CloudSim's quirks are kept on purpose (they shape its published figures): the power
/// baseline and the underload order use utilisation from the start of the round; hosts that just
/// received VMs may still be emptied in step 3; RAM is not checked after time 0 unless asked.
/// </summary>
public sealed class CloudSimConsolidationPolicy(IOverloadDetector detector, bool enforceRam = false) : IConsolidationPolicy
{
    private readonly List<(HostType Type, double RoundWatts)> emptyHostsTried = [];
    private PlanningModel? model;

    public IOverloadDetector Detector { get; } = detector;

    public string Name => Detector.Name.Replace("-", "-mmt-", StringComparison.Ordinal);

    public bool IsPowerAware => true;

    public IReadOnlyList<Migration> PlaceInitially(IDataCenterView view) =>
        CloudSimInitialPlacement.PowerAwareBestFit(view, Detector);

    public IReadOnlyList<Migration> Consolidate(IDataCenterView view)
    {
        model ??= new PlanningModel(view);
        model.Load(view, fullDemand: false);
        var hosts = model.HostCount;
        var overloaded = new bool[hosts];
        var overloadedHosts = new List<int>();
        for (var host = 0; host < hosts; host++)
        {
            if (model.IsOverloaded(Detector, host, -1))
            {
                overloaded[host] = true;
                overloadedHosts.Add(host);
            }
        }

        var leaving = new List<int>();
        foreach (var host in overloadedHosts)
        {
            while (SmallestMigratable(host) is var vm && vm >= 0)
            {
                leaving.Add(vm);
                model.Remove(host, vm);
                if (!model.IsOverloaded(Detector, host, -1))
                {
                    break;
                }
            }
        }

        var plan = new List<Migration>();
        foreach (var vm in ByDemandDescending(leaving))
        {
            var target = FindHost(vm, overloaded);
            if (target >= 0)
            {
                model.Add(target, vm);
                plan.Add(new Migration(vm, target));
            }
        }

        EmptyUnderloadedHosts(overloaded, plan);
        return plan;
    }

    private void EmptyUnderloadedHosts(bool[] overloaded, List<Migration> plan)
    {
        var model = this.model!;
        var hosts = model.HostCount;
        var notCandidate = new bool[hosts];
        var notTarget = new bool[hosts];
        var excludedCount = 0;
        for (var host = 0; host < hosts; host++)
        {
            if (overloaded[host] || model.RoundUtilization(host) == 0)
            {
                notCandidate[host] = notTarget[host] = true;
                excludedCount++;
            }
        }

        var moved = new List<Migration>();
        while (excludedCount < hosts)
        {
            var host = LeastUtilized(notCandidate);
            if (host < 0)
            {
                break;
            }

            notCandidate[host] = notTarget[host] = true;
            excludedCount++;
            var vms = new List<int>();
            foreach (var vm in model.VmsOn(host))
            {
                if (!model.View.Vm(vm).InMigration)
                {
                    vms.Add(vm);
                }
            }

            if (vms.Count == 0)
            {
                continue;
            }

            moved.Clear();
            foreach (var vm in ByDemandDescending(vms))
            {
                var target = FindHost(vm, notTarget);
                if (target < 0)
                {
                    foreach (var undo in moved)
                    {
                        model.Remove(undo.TargetHost, undo.Vm);
                    }

                    moved.Clear();
                    break;
                }

                model.Add(target, vm);
                moved.Add(new Migration(vm, target));
            }

            foreach (var move in moved)
            {
                if (!notCandidate[move.TargetHost])
                {
                    notCandidate[move.TargetHost] = true;
                    excludedCount++;
                }
            }

            plan.AddRange(moved);
        }
    }

    /// <summary>The non-excluded host with the lowest round utilisation in (0, 1) that has a VM not migrating.</summary>
    private int LeastUtilized(bool[] excluded)
    {
        var model = this.model!;
        var best = -1;
        var lowest = 1.0;
        for (var host = 0; host < model.HostCount; host++)
        {
            var utilization = model.RoundUtilization(host);
            if (!excluded[host] && utilization > 0 && utilization < lowest && HasSettledVm(host))
            {
                lowest = utilization;
                best = host;
            }
        }

        return best;
    }

    private bool HasSettledVm(int host)
    {
        foreach (var vm in model!.VmsOn(host))
        {
            if (!model.View.Vm(vm).InMigration)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>PABFD: the host whose power rises least, among those that fit the VM and stay non-overloaded.</summary>
    private int FindHost(int vm, bool[] excluded)
    {
        var model = this.model!;
        var requested = model.Requested[vm];
        var ram = model.View.Vm(vm).RamMb;
        var best = -1;
        var lowestIncrease = double.MaxValue;
        emptyHostsTried.Clear();
        for (var host = 0; host < model.HostCount; host++)
        {
            if (excluded[host] || IsSameAsEmptyHostTried(host))
            {
                continue;
            }

            var type = model.Type(host);
            if (type.MipsPerPe < requested || model.AvailableMips(host) < requested
                || (enforceRam && model.RamUsedMb(host) + ram > type.RamMb))
            {
                continue;
            }

            // Power first: the detector (the costly test) only matters for a host that would win.
            var delivered = model.DeliveredMips(host);
            var watts = type.Power.Watts((delivered + requested) / type.TotalMips);
            var increase = watts - model.RoundWatts(host);
            if (double.IsNaN(watts) || increase >= lowestIncrease
                || (delivered != 0 && model.IsOverloaded(Detector, host, vm)))
            {
                continue;
            }

            lowestIncrease = increase;
            best = host;
        }

        return best;
    }

    /// <summary>
    /// Empty hosts of one type and round power are interchangeable and only the first can win (ties
    /// keep the earlier host), so the rest are skipped: most of a consolidated data centre is empty.
    /// </summary>
    private bool IsSameAsEmptyHostTried(int host)
    {
        var model = this.model!;
        if (model.VmsOn(host).Count != 0)
        {
            return false;
        }

        var key = (model.Type(host), model.RoundWatts(host));
        if (emptyHostsTried.Contains(key))
        {
            return true;
        }

        emptyHostsTried.Add(key);
        return false;
    }

    /// <summary>MMT: the VM with the least RAM (first in host order on ties) that is not migrating.</summary>
    private int SmallestMigratable(int host)
    {
        var model = this.model!;
        var best = -1;
        var smallest = int.MaxValue;
        foreach (var vm in model.VmsOn(host))
        {
            var snapshot = model.View.Vm(vm);
            if (!snapshot.InMigration && snapshot.RamMb < smallest)
            {
                smallest = snapshot.RamMb;
                best = vm;
            }
        }

        return best;
    }

    /// <summary>Stable: equal demands keep their order, as Java's sort does.</summary>
    private List<int> ByDemandDescending(List<int> vms)
    {
        var requested = model!.Requested;
        var sorted = new List<int>(vms);
        for (var i = 1; i < sorted.Count; i++)
        {
            var vm = sorted[i];
            var j = i - 1;
            while (j >= 0 && requested[sorted[j]] < requested[vm])
            {
                sorted[j + 1] = sorted[j];
                j--;
            }

            sorted[j + 1] = vm;
        }

        return sorted;
    }
}
