namespace Cluster.Simulation.Trace;

/// <summary>
/// A scratch copy of the data centre a CloudSim-style planner moves VMs around in while it decides:
/// per host its VMs in order, their CPU shares, the summed demand and the utilisation history,
/// recomputed in host order whenever a VM is added or removed (the order fixes the floating-point sums).
/// </summary>
internal sealed class PlanningModel
{
    public const int HistoryLength = 30;

    private readonly List<int>[] vms;
    private readonly double[] deliveredMips, requestedMips, available, history, roundUtilization, roundWatts, longestMigration;
    private readonly int[] ramUsed;
    private readonly HostType[] types;
    private readonly double[] shareScratch;
    private readonly MigrationRole[] noRoles;
    private readonly double[] historyScratch = new double[HistoryLength];

    public PlanningModel(IDataCenterView view)
    {
        View = view;
        var hosts = view.HostCount;
        vms = new List<int>[hosts];
        deliveredMips = new double[hosts];
        requestedMips = new double[hosts];
        available = new double[hosts];
        history = new double[hosts * HistoryLength];
        roundUtilization = new double[hosts];
        roundWatts = new double[hosts];
        longestMigration = new double[hosts];
        ramUsed = new int[hosts];
        types = new HostType[hosts];
        Requested = new double[view.VmCount];
        shareScratch = new double[view.VmCount];
        noRoles = new MigrationRole[view.VmCount];
        for (var host = 0; host < hosts; host++)
        {
            vms[host] = [];
            types[host] = view.Host(host).Type;
        }
    }

    public IDataCenterView View { get; private set; }

    /// <summary>What each VM asks for in this plan (its current demand, or its full MIPS at placement).</summary>
    public double[] Requested { get; }

    public int HostCount => vms.Length;

    /// <summary>Copies the view; <paramref name="fullDemand"/> makes every VM ask for its whole MIPS.</summary>
    public void Load(IDataCenterView view, bool fullDemand)
    {
        View = view;
        for (var vm = 0; vm < Requested.Length; vm++)
        {
            var snapshot = view.Vm(vm);
            Requested[vm] = fullDemand ? snapshot.Mips : snapshot.RequestedMips;
        }

        for (var host = 0; host < vms.Length; host++)
        {
            var snapshot = view.Host(host);
            roundUtilization[host] = snapshot.Utilization;
            roundWatts[host] = types[host].Power.Watts(Math.Min(snapshot.Utilization, 1));
            vms[host].Clear();
            foreach (var vm in view.VmsOn(host))
            {
                if (view.Vm(vm).Host == host)
                {
                    vms[host].Add(vm);
                }
            }

            Recompute(host);
        }
    }

    public HostType Type(int host) => types[host];

    public List<int> VmsOn(int host) => vms[host];

    /// <summary>Host utilisation when the round started (stale once VMs move in the plan, as in CloudSim).</summary>
    public double RoundUtilization(int host) => roundUtilization[host];

    public double RoundWatts(int host) => roundWatts[host];

    public double DeliveredMips(int host) => deliveredMips[host];

    public double AvailableMips(int host) => available[host];

    public int RamUsedMb(int host) => ramUsed[host];

    public void Add(int host, int vm)
    {
        vms[host].Add(vm);
        Recompute(host);
    }

    public void Remove(int host, int vm)
    {
        vms[host].Remove(vm);
        Recompute(host);
    }

    /// <summary>The host as a detector sees it, optionally with <paramref name="extraVm"/> appended (-1: none).</summary>
    public bool IsOverloaded(IOverloadDetector detector, int host, int extraVm)
    {
        var type = types[host];
        var requested = requestedMips[host];
        ReadOnlySpan<double> hostHistory = history.AsSpan(host * HistoryLength, HistoryLength);
        var longest = longestMigration[host];
        if (extraVm >= 0)
        {
            hostHistory.CopyTo(historyScratch);
            requested += Requested[extraVm];
            AddHistory(historyScratch, extraVm, type.TotalMips);
            longest = Math.Max(longest, View.MigrationSeconds(extraVm));
            hostHistory = historyScratch;
        }

        var load = new HostLoad(type.TotalMips, requested, Trimmed(hostHistory), longest, View.SchedulingIntervalSeconds);
        return detector.IsOverloaded(load);
    }

    private void Recompute(int host)
    {
        var type = types[host];
        var list = vms[host];
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
        var shares = shareScratch.AsSpan(0, span.Length);
        available[host] = CpuShare.Allocate(span, noRoles.AsSpan(0, span.Length), Requested, type.MipsPerPe, type.TotalMips, shares);
        var delivered = 0.0;
        var requested = 0.0;
        var ram = 0;
        var longest = double.NegativeInfinity;
        var hostHistory = history.AsSpan(host * HistoryLength, HistoryLength);
        hostHistory.Clear();
        for (var i = 0; i < span.Length; i++)
        {
            delivered += shares[i];
            requested += Requested[span[i]];
            ram += View.Vm(span[i]).RamMb;
            longest = Math.Max(longest, View.MigrationSeconds(span[i]));
            AddHistory(hostHistory, span[i], type.TotalMips);
        }

        longestMigration[host] = longest;
        deliveredMips[host] = delivered;
        requestedMips[host] = requested;
        ramUsed[host] = ram;
    }

    private void AddHistory(Span<double> hostHistory, int vm, double hostMips)
    {
        var vmHistory = View.UtilizationHistory(vm);
        var mips = View.Vm(vm).Mips;
        for (var i = 0; i < vmHistory.Length; i++)
        {
            hostHistory[i] += vmHistory[i] * mips / hostMips;
        }
    }

    /// <summary>CloudSim drops trailing zeros but always keeps at least one sample.</summary>
    private static ReadOnlySpan<double> Trimmed(ReadOnlySpan<double> values)
    {
        var length = values.Length;
        while (length > 0 && values[length - 1] == 0)
        {
            length--;
        }

        return values[..Math.Max(length, 1)];
    }
}
