using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Simulation.Trace;

/// <summary>
/// The trace's data centre in the controller planners' terms, built once per run: host and VM ids,
/// hardware and specs. A VM may run only on a host whose cores are at least as fast as its vCPU
/// (CloudSim will not place a 2,500 MIPS VM on an 1,860 MIPS core); that is expressed as a CPU
/// feature baseline, the same constraint the controller uses for CPU compatibility.
/// </summary>
internal sealed class TraceClusterModel
{
    private static readonly DatastoreId SharedDatastore = DatastoreId.From("shared");
    private static readonly HashSet<DatastoreId> Datastores = [SharedDatastore];

    private readonly HostSnapshot[] onHosts;
    private readonly HostSnapshot[] offHosts;
    private readonly VmSpec[] specs;

    public TraceClusterModel(IDataCenterView view)
    {
        var coreSpeeds = Enumerable.Range(0, view.VmCount).Select(v => view.Vm(v).Mips).Distinct().Order().ToArray();
        HostIds = [.. Enumerable.Range(0, view.HostCount).Select(h => HostId.From($"h{h:D4}"))];
        VmIds = [.. Enumerable.Range(0, view.VmCount).Select(v => VmId.From($"vm{v:D5}"))];
        onHosts = new HostSnapshot[view.HostCount];
        offHosts = new HostSnapshot[view.HostCount];
        for (var h = 0; h < view.HostCount; h++)
        {
            var type = view.Host(h).Type;
            var hardware = new HostHardware(1, type.Pes, 1, (long)type.MipsPerPe, type.RamMb, ReservedVcpus: 0, ReservedMemoryMb: 0);
            var features = new CpuFeatureSet(string.Empty, [.. coreSpeeds.Where(s => s <= type.MipsPerPe).Select(CoreFeature)]);
            onHosts[h] = new HostSnapshot(HostIds[h], HostState.Normal, hardware, features, Datastores);
            offHosts[h] = onHosts[h] with { State = HostState.PoweredOff };
        }

        specs = new VmSpec[view.VmCount];
        for (var v = 0; v < view.VmCount; v++)
        {
            var vm = view.Vm(v);
            specs[v] = new VmSpec(
                $"vm-{v}",
                1,
                vm.RamMb,
                [new VmDisk(SharedDatastore, 10)],
                QosSpec.Default,
                QosSpec.Default,
                HaEnabled: false,
                RestartPriority.Medium,
                new CpuFeatureSet(string.Empty, [CoreFeature(vm.Mips)]));
        }

        HostIndex = HostIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        VmIndex = VmIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
    }

    public IReadOnlyList<HostId> HostIds { get; }

    public IReadOnlyList<VmId> VmIds { get; }

    public IReadOnlyDictionary<HostId, int> HostIndex { get; }

    public IReadOnlyDictionary<VmId, int> VmIndex { get; }

    /// <summary>
    /// The planners' input for this round: hosts with VMs (or kept on by DPM) are Normal, the rest
    /// powered off; each running VM at its forecast demand; VMs still migrating count as in flight.
    /// </summary>
    public DrsInput Build(IDataCenterView view, IReadOnlySet<int> keptOn, DemandForecast forecast)
    {
        var hosts = new HostSnapshot[view.HostCount];
        for (var h = 0; h < hosts.Length; h++)
        {
            hosts[h] = view.Host(h).VmCount > 0 || keptOn.Contains(h) ? onHosts[h] : offHosts[h];
        }

        var vms = new List<VmSnapshot>(view.VmCount);
        var usage = new Dictionary<VmId, VmUsage>(view.VmCount);
        var inFlight = new List<InFlightMigration>();
        for (var v = 0; v < view.VmCount; v++)
        {
            var vm = view.Vm(v);
            if (!vm.IsActive)
            {
                continue;
            }

            var host = HostIds[vm.Host];
            vms.Add(new VmSnapshot(VmIds[v], specs[v], host, VmPowerState.Running));
            usage[VmIds[v]] = new VmUsage(forecast.Utilisation(view.UtilizationHistory(v)) * vm.Mips, vm.RamMb);
            if (vm.InMigration)
            {
                inFlight.Add(new InFlightMigration(VmIds[v], host, host));
            }
        }

        return new DrsInput(new ClusterSnapshot(hosts, vms), usage, RuleSet.Empty) { InFlightMigrations = inFlight };
    }

    private static string CoreFeature(double mips) => FormattableString.Invariant($"core-{mips:0}");
}
