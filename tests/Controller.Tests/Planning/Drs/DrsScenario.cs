using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

/// <summary>
/// Terse DRS inputs: hosts as in <see cref="ClusterBuilder"/> (16 usable vCPUs at 2000 MHz = 32,000 MHz
/// and 64 GB unless told), VMs with a measured CPU demand, and a rule set built with group helpers.
/// </summary>
internal sealed class DrsScenario
{
    private readonly List<HostSnapshot> hosts = [];
    private readonly List<VmSnapshot> vms = [];
    private readonly Dictionary<VmId, VmUsage> usage = [];
    private readonly List<InFlightMigration> inFlight = [];
    private readonly HashSet<HostId> unavailable = [];

    public RuleSet Rules { get; set; } = RuleSet.Empty;

    public DrsScenario Host(string id, long memoryMb = 65_536, int vcpus = 16, HostState state = HostState.Normal, CpuFeatureSet? features = null, string[]? datastores = null, int sockets = 1)
    {
        var built = new ClusterBuilder().Host(id, memoryMb, vcpus, state, features, datastores).Build().Hosts[0];
        hosts.Add(sockets == 1 ? built : built with { Hardware = built.Hardware with { Sockets = sockets, CoresPerSocket = built.Hardware.CoresPerSocket / sockets } });
        return this;
    }

    public DrsScenario Vm(string id, string? on, double cpuMhz, long memoryMb = 4096, VmSpec? spec = null, double dirtyMbPerSecond = 0, IReadOnlyList<double>? history = null, VmPowerState state = VmPowerState.Running)
    {
        var vmSpec = spec ?? ClusterBuilder.Spec(memoryMb: memoryMb);
        vms.Add(new VmSnapshot(new VmId(id), vmSpec, on is null ? null : new HostId(on), state));
        usage[new VmId(id)] = new VmUsage(cpuMhz, vmSpec.MemoryMb / 4.0, dirtyMbPerSecond, history);
        return this;
    }

    public DrsScenario Migrating(string vm, string from, string to)
    {
        inFlight.Add(new InFlightMigration(new VmId(vm), new HostId(from), new HostId(to)));
        return this;
    }

    public DrsScenario Unavailable(string host)
    {
        unavailable.Add(new HostId(host));
        return this;
    }

    public DrsScenario HostGroup(string name, params string[] ids)
    {
        Rules = Rules.With(new HostGroup(name, ids.Select(i => new HostId(i)).ToHashSet()));
        return this;
    }

    public DrsScenario VmGroup(string name, params string[] ids)
    {
        Rules = Rules.With(new VmGroup(name, Vms(ids)));
        return this;
    }

    public DrsScenario VmHost(string name, VmHostRuleKind kind, string vmGroup, string hostGroup)
    {
        Rules = Rules.With(new VmHostRule(name, kind, vmGroup, hostGroup));
        return this;
    }

    public DrsScenario Together(string name, params string[] ids)
    {
        Rules = Rules.With(new VmVmRule(name, VmVmRuleKind.Affinity, Vms(ids)));
        return this;
    }

    public DrsScenario Apart(string name, params string[] ids)
    {
        Rules = Rules.With(new VmVmRule(name, VmVmRuleKind.AntiAffinity, Vms(ids)));
        return this;
    }

    public DrsInput Build() => new(new ClusterSnapshot(hosts, vms), usage, Rules) { InFlightMigrations = inFlight, UnavailableHosts = unavailable };

    public static IReadOnlySet<VmId> Vms(params string[] ids) => ids.Select(i => new VmId(i)).ToHashSet();
}
