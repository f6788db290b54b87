using System.Runtime.InteropServices;

namespace Cluster.Simulation.Trace;

/// <summary>
/// The evaluator's mutable model of hosts and VMs, updated the way CloudSim 3.0.3's power
/// data centre updates its hosts: each update recomputes every host's CPU shares from its VMs'
/// current demand, records state for the SLA metrics, integrates energy since the previous update
/// and retires VMs whose demand is exactly zero.
/// </summary>
internal sealed class DataCenterState : IDataCenterView
{
    private const int HistoryLength = 30;
    private const double MigrationPenaltyShare = 0.9;

    private readonly DataCenterSpec spec;
    private readonly TraceDemand demand;
    private readonly HostType[] hostTypes;
    private readonly List<int>[] vmsOn, migratingIn;
    private readonly double[] deliveredMips, previousDeliveredMips, requestedMipsOnHost;
    private readonly double[] vmMips, vmRequested, vmHistoryTime, vmHistory;
    private readonly int[] vmRam, vmHost, vmHistoryCount;
    private readonly bool[] vmMigrating;
    private readonly double[] shareScratch;
    private readonly MigrationRole[] roleScratch;
    private double lastUpdate;

    public DataCenterState(DataCenterSpec spec, PlanetLabTrace trace)
    {
        this.spec = spec;
        demand = new TraceDemand(trace);
        HostCount = spec.HostCount;
        VmCount = trace.VmCount;
        hostTypes = new HostType[HostCount];
        vmsOn = NewLists(HostCount);
        migratingIn = NewLists(HostCount);
        deliveredMips = new double[HostCount];
        previousDeliveredMips = new double[HostCount];
        requestedMipsOnHost = new double[HostCount];
        for (var host = 0; host < HostCount; host++)
        {
            hostTypes[host] = spec.HostTypeOf(host);
        }

        vmMips = new double[VmCount];
        vmRam = new int[VmCount];
        vmHost = new int[VmCount];
        vmRequested = new double[VmCount];
        vmHistoryTime = new double[VmCount];
        vmHistory = new double[VmCount * HistoryLength];
        vmHistoryCount = new int[VmCount];
        vmMigrating = new bool[VmCount];
        for (var vm = 0; vm < VmCount; vm++)
        {
            var type = spec.VmTypeOf(vm, VmCount);
            vmMips[vm] = type.Mips;
            vmRam[vm] = type.RamMb;
            vmHost[vm] = -1;
            vmRequested[vm] = type.Mips;
        }

        shareScratch = new double[VmCount];
        roleScratch = new MigrationRole[VmCount];
        Ledger = new SlaLedger(HostCount, VmCount);
    }

    public double Time { get; private set; }

    public double SchedulingIntervalSeconds => spec.SchedulingIntervalSeconds;

    public int HostCount { get; }

    public int VmCount { get; }

    public SlaLedger Ledger { get; }

    public double EnergyWattSeconds { get; private set; }

    public int PeakHostRamMb { get; private set; }

    public int RamOvercommitSamples { get; private set; }

    public HostRoundState Host(int host) =>
        new(host, hostTypes[host], deliveredMips[host], requestedMipsOnHost[host], vmsOn[host].Count);

    public VmRoundState Vm(int vm) => new(vm, vmMips[vm], vmRam[vm], vmHost[vm], vmRequested[vm], vmMigrating[vm]);

    public ReadOnlySpan<int> VmsOn(int host) => CollectionsMarshal.AsSpan(vmsOn[host]);

    public ReadOnlySpan<double> UtilizationHistory(int vm) =>
        vmHistory.AsSpan(vm * HistoryLength, vmHistoryCount[vm]);

    public double MigrationSeconds(int vm) => spec.MigrationSeconds(vmRam[vm]);

    public void Place(int vm, int host)
    {
        vmsOn[host].Add(vm);
        vmHost[vm] = host;
    }

    /// <summary>Every host recomputed at <paramref name="time"/>; energy since the last update; zero-demand VMs retired.</summary>
    public void Update(double time)
    {
        Time = time;
        var span = time - lastUpdate;
        for (var host = 0; host < HostCount; host++)
        {
            UpdateHost(host, time);
        }

        if (span > 0)
        {
            for (var host = 0; host < HostCount; host++)
            {
                EnergyWattSeconds += Energy(host, span);
            }
        }

        RetireIdleVms();
        lastUpdate = time;
    }

    /// <summary>Updates only if time has passed since the last update.</summary>
    public void UpdateIfLater(double time)
    {
        if (time > lastUpdate)
        {
            Update(time);
        }
    }

    /// <summary>The target reserves the VM at once; both ends are recomputed at the current time.</summary>
    public bool StartMigration(int vm, int target)
    {
        var source = vmHost[vm];
        if (source < 0 || target == source || migratingIn[target].Contains(vm))
        {
            return false;
        }

        vmMigrating[vm] = true;
        vmsOn[target].Add(vm);
        migratingIn[target].Add(vm);
        UpdateHost(target, Time);
        UpdateHost(source, Time);
        return true;
    }

    /// <summary>The VM leaves wherever it is registered and lands, last in line, on the target.</summary>
    public void CompleteMigration(int vm, int target)
    {
        var home = vmHost[vm];
        if (home >= 0)
        {
            vmsOn[home].Remove(vm);
        }

        vmsOn[target].Remove(vm);
        migratingIn[target].Remove(vm);
        vmMigrating[vm] = false;
        vmsOn[target].Add(vm);
        vmHost[vm] = target;
    }

    private void UpdateHost(int host, double time)
    {
        var vms = CollectionsMarshal.AsSpan(vmsOn[host]);
        var ramMb = 0;
        for (var i = 0; i < vms.Length; i++)
        {
            AdvanceVm(vms[i], time);
            ramMb += vmRam[vms[i]];
            roleScratch[i] = RoleOn(host, vms[i]);
        }

        TrackRam(host, ramMb);
        previousDeliveredMips[host] = deliveredMips[host];
        var type = hostTypes[host];
        var shares = shareScratch.AsSpan(0, vms.Length);
        CpuShare.Allocate(vms, roleScratch.AsSpan(0, vms.Length), vmRequested, type.MipsPerPe, type.TotalMips, shares);
        var delivered = 0.0;
        var requested = 0.0;
        for (var i = 0; i < vms.Length; i++)
        {
            var vm = vms[i];
            var share = shares[i];
            if ((roleScratch[i] & MigrationRole.In) == 0)
            {
                Ledger.RecordVm(vm, time, share, vmRequested[vm], vmMigrating[vm]);
                if (vmMigrating[vm])
                {
                    // The host still carries the whole VM: the penalty is lost work, not freed CPU.
                    share /= MigrationPenaltyShare;
                }
            }

            delivered += share;
            requested += vmRequested[vm];
        }

        deliveredMips[host] = delivered;
        requestedMipsOnHost[host] = requested;
        Ledger.RecordHost(host, time, delivered, requested, delivered > 0);
    }

    /// <summary>A migrating VM is leaving the host it is not arriving on.</summary>
    private MigrationRole RoleOn(int host, int vm)
    {
        if (migratingIn[host].Contains(vm))
        {
            return MigrationRole.In;
        }

        return vmMigrating[vm] ? MigrationRole.Out : MigrationRole.None;
    }

    private void AdvanceVm(int vm, double time)
    {
        var utilization = demand.Utilization(vm, time);
        vmRequested[vm] = utilization * vmMips[vm];

        // CloudSim samples a VM's history only on the round grid (first round at 0.1 s + interval).
        if (time > vmHistoryTime[vm] && (time - 0.1) % spec.SchedulingIntervalSeconds == 0)
        {
            var history = vmHistory.AsSpan(vm * HistoryLength, HistoryLength);
            history[..^1].CopyTo(history[1..]);
            history[0] = utilization;
            vmHistoryCount[vm] = Math.Min(vmHistoryCount[vm] + 1, HistoryLength);
            vmHistoryTime[vm] = time;
        }
    }

    private double Energy(int host, double span)
    {
        var type = hostTypes[host];
        var from = Clamp(previousDeliveredMips[host] / type.TotalMips);
        if (from == 0)
        {
            return 0;
        }

        var fromWatts = Watts(type, from);
        var toWatts = Watts(type, Clamp(deliveredMips[host] / type.TotalMips));
        return (fromWatts + ((toWatts - fromWatts) / 2)) * span;
    }

    private static double Clamp(double utilization) => utilization is > 1 and < 1.01 ? 1 : utilization;

    private static double Watts(HostType type, double utilization)
    {
        var watts = type.Power.Watts(utilization);
        return double.IsNaN(watts) ? type.Power.MaxWatts : watts;
    }

    private void RetireIdleVms()
    {
        for (var host = 0; host < HostCount; host++)
        {
            var vms = vmsOn[host];
            for (var i = vms.Count - 1; i >= 0; i--)
            {
                var vm = vms[i];
                if (!vmMigrating[vm] && vmRequested[vm] == 0)
                {
                    vms.RemoveAt(i);
                    vmHost[vm] = -1;
                }
            }
        }
    }

    private void TrackRam(int host, int ramMb)
    {
        PeakHostRamMb = Math.Max(PeakHostRamMb, ramMb);
        if (ramMb > hostTypes[host].RamMb)
        {
            RamOvercommitSamples++;
        }
    }

    private static List<int>[] NewLists(int count)
    {
        var lists = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            lists[i] = [];
        }

        return lists;
    }
}
