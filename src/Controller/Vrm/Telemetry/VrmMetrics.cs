using System.Diagnostics.Metrics;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Telemetry;

/// <summary>
/// The VRM's meter, <c>Cluster.Controller.Vrm</c>, named after OpenTelemetry's vCenter receiver under our prefix
/// <c>cluster.</c> (docs/observability.md lists them). The gauges read the last <see cref="ClusterStatus"/> the VRM
/// actor published (<see cref="Publish"/>, at most once a second), so a scrape costs no ask to the actor and shows the
/// view the admin API's /api/cluster answers; a controller whose VRM is not running publishes nothing and its gauges
/// report no points. One instance per process: a second VRM in the process (tests) shares it.
/// </summary>
public sealed class VrmMetrics
{
    public const string MeterName = "Cluster.Controller.Vrm";

    private const long BytesPerMb = 1024 * 1024;

    private readonly Meter _meter = new(MeterName);
    private readonly List<Instrument> _gauges = [];
    private ClusterStatus? _status;

    private VrmMetrics()
    {
        Heartbeats = _meter.CreateCounter<long>("cluster.heartbeats", "{heartbeat}", "Heartbeats the VRM received from hosts.");
        FailureDetections = _meter.CreateCounter<long>("cluster.host.failure_detections", "{detection}", "Hosts the VRM turned Faulty, by the reason.");
        HaRestarts = _meter.CreateCounter<long>("cluster.ha.restarts", "{restart}", "HA restarts of VMs of failed hosts, by outcome: restarted, failed, abandoned, skipped.");
        Migrations = _meter.CreateCounter<long>("cluster.migrations", "{migration}", "Migrations that ended, by outcome: completed, rolled_back, failed.");
        MigrationDuration = _meter.CreateHistogram<double>("cluster.migration.duration", "s", "From admission to the end, of ended migrations.");
        MigrationDowntime = _meter.CreateHistogram<double>("cluster.migration.downtime", "s", "How long the VM was paused at switch-over, as the source reported it.");

        Gauge("cluster.host.cpu.usage", () => PerHost(h => h.Used?.CpuMhz), "MHz", "CPU a host last reported in use.");
        Gauge("cluster.host.cpu.utilization", () => PerHostRatio(h => h.Used?.CpuMhz, h => h.Capacity.CpuMhz), "1", "CPU in use over the host's capacity.");
        Gauge("cluster.host.cpu.allocated", () => PerHost(h => h.Allocated.CpuMhz), "MHz", "CPU reserved by the VMs placed on a host.");
        Gauge("cluster.host.memory.usage", () => PerHost(h => h.Used?.MemoryMb * BytesPerMb), "By", "Memory a host last reported in use.");
        Gauge("cluster.host.memory.utilization", () => PerHostRatio(h => h.Used?.MemoryMb, h => h.Capacity.MemoryMb), "1", "Memory in use over the host's capacity.");
        Gauge("cluster.host.vm.count", () => PerHost(h => h.VmCount), "{vm}", "VMs placed on a host.");
        Gauge("cluster.host.state", HostStates, "{state}", "1 for a host's current state (attribute cluster.host.state).");
        Gauge("cluster.vm.cpu.count", () => PerVm(v => v.Vcpus), "{vcpu}", "vCPUs of a VM.");
        Gauge("cluster.vm.memory.allocated", () => PerVm(v => v.MemoryMb * BytesPerMb), "By", "Memory of a VM.");
        Gauge("cluster.vm.state", VmStates, "{state}", "1 for a VM's current power state (attribute cluster.vm.state).");
        Gauge("cluster.hosts", HostsByState, "{host}", "Hosts by state.");
        Gauge("cluster.vms", VmsByState, "{vm}", "VMs by power state.");
    }

    public static VrmMetrics Instance { get; } = new();

    /// <summary>Whether anything listens to the gauges: without a listener the VRM does not build the view to publish.</summary>
    public bool Observed => _gauges.Exists(g => g.Enabled);

    public Counter<long> Heartbeats { get; }

    public Counter<long> FailureDetections { get; }

    public Counter<long> HaRestarts { get; }

    public Counter<long> Migrations { get; }

    public Histogram<double> MigrationDuration { get; }

    public Histogram<double> MigrationDowntime { get; }

    private void Gauge<T>(string name, Func<IEnumerable<Measurement<T>>> observe, string unit, string description)
        where T : struct =>
        _gauges.Add(_meter.CreateObservableGauge(name, observe, unit, description));

    /// <summary>The view the gauges show from now on; null when this process's VRM stops.</summary>
    public void Publish(ClusterStatus? status) => Volatile.Write(ref _status, status);

    private ClusterStatus? Status => Volatile.Read(ref _status);

    private IEnumerable<Measurement<long>> PerHost(Func<HostView, long?> value) =>
        from host in Status?.Hosts ?? []
        let v = value(host)
        where v is not null
        select new Measurement<long>(v.Value, HostTag(host));

    private IEnumerable<Measurement<double>> PerHostRatio(Func<HostView, long?> used, Func<HostView, long> capacity) =>
        from host in Status?.Hosts ?? []
        let u = used(host)
        let c = capacity(host)
        where u is not null && c > 0
        select new Measurement<double>((double)u.Value / c, HostTag(host));

    private IEnumerable<Measurement<long>> PerVm(Func<VmView, long> value) =>
        from vm in Status?.Vms ?? [] select new Measurement<long>(value(vm), VmTags(vm));

    private IEnumerable<Measurement<int>> HostStates() =>
        from host in Status?.Hosts ?? []
        select new Measurement<int>(1, HostTag(host), new("cluster.host.state", StateName(host.State)));

    private IEnumerable<Measurement<int>> VmStates() =>
        from vm in Status?.Vms ?? []
        select new Measurement<int>(1, [.. VmTags(vm), new("cluster.vm.state", StateName(vm.PowerState))]);

    private IEnumerable<Measurement<int>> HostsByState() =>
        from state in Enum.GetValues<HostState>()
        let count = Status?.Hosts.Count(h => h.State == state)
        where count is not null
        select new Measurement<int>(count.Value, new KeyValuePair<string, object?>("cluster.host.state", StateName(state)));

    private IEnumerable<Measurement<int>> VmsByState() =>
        from state in Enum.GetValues<VmPowerState>()
        let count = Status?.Vms.Count(v => v.PowerState == state)
        where count is not null
        select new Measurement<int>(count.Value, new KeyValuePair<string, object?>("cluster.vm.state", StateName(state)));

    private static KeyValuePair<string, object?> HostTag(HostView host) => new("cluster.host.id", host.HostId.Value);

    private static KeyValuePair<string, object?>[] VmTags(VmView vm) =>
        [new("cluster.vm.id", vm.VmId.Value), new("cluster.vm.name", vm.Name), new("cluster.host.id", vm.Host?.Value ?? "")];

    /// <summary>Lower snake case, as OpenTelemetry attribute values go: EnteringMaintenance → entering_maintenance.</summary>
    public static string StateName<T>(T state)
        where T : struct, Enum =>
        string.Concat(state.ToString().Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
