using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>
/// A DRS input indexed into arrays once per pass: hosts and VMs by index, per-host sums of demand and
/// allocation, rule occupancy, and the "units" that move (a VM, or the VMs of one affinity component on
/// one host, which only move together). Planners try moves against it and commit them, so later
/// choices see earlier ones; every commit can be undone (DPM tries an evacuation and may give it up).
/// </summary>
internal sealed partial class ClusterModel
{
    private readonly DrsSettings settings;
    private readonly CompiledRules rules;
    private readonly Dictionary<HostId, int> hostIndex = [];

    // Hosts.
    private readonly HostSnapshot[] hosts;
    private readonly bool[] available;
    private readonly double[] cpuCapacity;
    private readonly double[] memoryCapacity;
    private readonly int[] vcpuCapacity;
    private readonly double[] cpuDemand;
    private readonly double[] activeMemory;
    private readonly double[] memoryAllocated;
    private readonly double[] memoryReserved;
    private readonly double[] cpuReserved;
    private readonly int[] migrations;
    private readonly List<int>[] unitsOnHost;

    // VMs (those holding resources on a host of the snapshot, plus a VM being placed).
    private readonly VmSnapshot[] vms;
    private readonly int[] vmHost;
    private readonly double[] vmCpu;
    private readonly double[] vmActive;
    private readonly double[] vmMemory;
    private readonly double[] vmMemoryReservation;
    private readonly double[] vmCpuReservation;
    private readonly bool[] vmInFlight;
    private readonly bool[][] vmAllowed;
    private readonly int[][] vmMust;
    private readonly int[][] vmApart;
    private readonly int[][] vmShould;
    private readonly int[][] apartOnHost;
    private readonly double[] vmSeconds;

    // Units.
    private readonly List<int[]> unitVms = [];
    private readonly List<int> unitHost = [];
    private readonly List<UnitTotals> unitTotals = [];

    // Load statistics over available hosts, kept incrementally.
    private double loadSum;
    private double loadSquares;
    private int availableCount;

    private readonly List<(int Unit, int From, int To)> log = [];

    public ClusterModel(DrsInput input, DrsSettings settings, VmSnapshot? placing = null, VmUsage? placingUsage = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        this.settings = settings;
        var cluster = input.Cluster;
        hosts = [.. cluster.Hosts];
        var n = hosts.Length;
        for (var h = 0; h < n; h++)
        {
            hostIndex[hosts[h].Id] = h;
        }

        available = new bool[n];
        cpuCapacity = new double[n];
        memoryCapacity = new double[n];
        vcpuCapacity = new int[n];
        cpuDemand = new double[n];
        activeMemory = new double[n];
        memoryAllocated = new double[n];
        memoryReserved = new double[n];
        cpuReserved = new double[n];
        migrations = new int[n];
        unitsOnHost = new List<int>[n];
        for (var h = 0; h < n; h++)
        {
            var host = hosts[h];
            available[h] = host.State == HostState.Normal && !input.UnavailableHosts.Contains(host.Id);
            cpuCapacity[h] = host.Hardware.CpuCapacityMhz;
            memoryCapacity[h] = host.Hardware.UsableMemoryMb;
            vcpuCapacity[h] = host.Hardware.UsableVcpus;
            unitsOnHost[h] = [];
        }

        rules = new CompiledRules(input.Rules, cluster.Rules, hosts, IndexOf);
        var placed = new List<VmSnapshot>(cluster.Vms.Count + 1);
        foreach (var vm in cluster.Vms)
        {
            if (vm.HoldsResources && hostIndex.ContainsKey(vm.Host!.Value) && vm.Id != placing?.Id)
            {
                placed.Add(vm);
            }
        }

        if (placing is not null)
        {
            placed.Add(placing with { Host = null });
        }

        vms = [.. placed];
        var m = vms.Length;
        vmHost = new int[m];
        vmCpu = new double[m];
        vmActive = new double[m];
        vmMemory = new double[m];
        vmMemoryReservation = new double[m];
        vmCpuReservation = new double[m];
        vmInFlight = new bool[m];
        vmAllowed = new bool[m][];
        vmMust = new int[m][];
        vmApart = new int[m][];
        vmShould = new int[m][];
        var seconds = vmSeconds = new double[m];
        var stability = new double[m];
        var inFlight = input.InFlightMigrations.Select(f => f.Vm).ToHashSet();
        for (var v = 0; v < m; v++)
        {
            var vm = vms[v];
            var spec = vm.Spec;
            var usage = vm.Id == placing?.Id ? placingUsage : input.Usage.GetValueOrDefault(vm.Id);
            vmHost[v] = vm.Host is { } on ? hostIndex[on] : -1;
            vmCpu[v] = Entitlement(usage?.CpuDemandMhz ?? spec.CpuQos.Reservation, spec.CpuQos);
            vmActive[v] = Entitlement(usage?.ActiveMemoryMb ?? spec.MemoryMb, spec.MemoryQos);
            vmMemory[v] = spec.MemoryMb;
            vmMemoryReservation[v] = spec.MemoryQos.Reservation;
            vmCpuReservation[v] = spec.CpuQos.Reservation;
            vmInFlight[v] = inFlight.Contains(vm.Id);
            vmMust[v] = rules.MustRulesOf(vm.Id);
            vmApart[v] = rules.ApartRulesOf(vm.Id);
            vmShould[v] = rules.ShouldRulesOf(vm.Id);
            vmAllowed[v] = Eligibility.AllowedHosts(spec, vmMust[v]);
            seconds[v] = MigrationCostModel.EstimateSeconds(spec.MemoryMb, usage?.MemoryDirtyRateMbPerSecond ?? 0, settings);
            stability[v] = usage?.Stability() ?? 1;
        }

        apartOnHost = [.. rules.ApartNames.Select(_ => new int[n])];
        BuildUnits(seconds, stability);
        AddInFlightMigrations(input.InFlightMigrations);
        RecomputeStatistics();
    }

    public int HostCount => hosts.Length;

    public int UnitCount => unitVms.Count;

    public int ClusterMigrations { get; private set; }

    public int LogLength => log.Count;

    public DrsSettings Settings => settings;

    public HostSnapshot HostAt(int h) => hosts[h];

    public int IndexOf(HostId host) => hostIndex.TryGetValue(host, out var h) ? h : -1;

    public bool IsAvailable(int h) => available[h];

    public IReadOnlyList<int> UnitsOn(int h) => unitsOnHost[h];

    public int HostOf(int unit) => unitHost[unit];

    public IReadOnlyList<int> VmsOf(int unit) => unitVms[unit];

    public VmSnapshot VmAt(int v) => vms[v];

    public int MigrationsOn(int h) => migrations[h];

    /// <summary>The unit of the VM being placed, when the model was built for an initial placement.</summary>
    public int PlacingUnit => vms.Length > 0 && vmHost[vms.Length - 1] < 0 ? FindUnitOf(vms.Length - 1) : -1;

    /// <summary>A unit may move unless one of its VMs is already migrating.</summary>
    public bool IsMovable(int unit) => !unitTotals[unit].InFlight;

    /// <summary>The affinity component the unit belongs to (its lowest VM id; the VM itself without affinity).</summary>
    public VmId ComponentOf(int unit) => rules.Affinity.Find(vms[unitVms[unit][0]].Id);

    public bool InAffinityGroup(int unit) => rules.Affinity.IsGrouped(vms[unitVms[unit][0]].Id);

    /// <summary>One recommendation per VM of a unit moved from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public IEnumerable<MigrationRecommendation> Recommend(int u, int from, int to, MigrationReason reason, string detail, double benefit, double cost, bool automatic) =>
        unitVms[u].Select(v => new MigrationRecommendation(vms[v].Id, hosts[from].Id, hosts[to].Id, reason, detail, vmSeconds[v], benefit, cost, automatic));

    /// <summary>
    /// What the VM is counted to use: its demand, raised to its reservation (guaranteed to it) and
    /// capped at its limit (it can never use more) — vSphere's entitlement.
    /// </summary>
    private static double Entitlement(double demand, QosSpec qos)
    {
        var capped = qos.Limit is { } limit ? Math.Min(demand, limit) : demand;
        return Math.Max(qos.Reservation, Math.Max(0, capped));
    }

    private int FindUnitOf(int v)
    {
        for (var u = unitVms.Count - 1; u >= 0; u--)
        {
            if (Array.IndexOf(unitVms[u], v) >= 0)
            {
                return u;
            }
        }

        return -1;
    }
}
