using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>
/// Drives a <see cref="VrmDecider"/> through the shared <see cref="DeciderHarness{TDecider}"/>: recovery, Start, then
/// one input at a time on the virtual clock; keeps every step. Hosts are plain peers; the asker is an operator peer.
/// </summary>
internal sealed class VrmDeciderHarness
{
    public const long Epoch = 7;

    public static readonly DateTimeOffset T0 = TestClock.T0;

    public static readonly Peer Operator = new("operator");

    private readonly DeciderHarness<VrmDecider> _harness;

    public VrmDeciderHarness(VrmSettings? settings = null, Action<VrmDecider>? recover = null)
    {
        Settings = settings ?? new VrmSettings();
        _harness = new DeciderHarness<VrmDecider>(new VrmDecider(Settings, Epoch, "controller-a", NullLogger.Instance));
        recover?.Invoke(_harness.Decider);
        Started = _harness.Start();
    }

    public VrmSettings Settings { get; }

    public VrmDecider Decider => _harness.Decider;

    public DateTimeOffset Now => _harness.Now;

    public DecidedStep Started { get; }

    public IReadOnlyList<DecidedStep> Steps => _harness.Steps;

    public IEnumerable<object> AllEvents => Steps.SelectMany(s => s.Events);

    /// <summary>The index of the last step that asked for a snapshot, or -1.</summary>
    public int LastSnapshotStep() => Steps.Select((s, i) => s.Snapshot is null ? -1 : i).Max();

    public static Peer HostPeer(string host) => new($"peer-of-{host}");

    public static HostRegister Registration(string host, string address) =>
        new(HostId.From(host), address, new HostHardware(2, 10, 2, 2600, 262_144), CpuFeatureSet.None, [DatastoreId.From("ds-1")]);

    /// <summary>Moves the clock to <paramref name="seconds"/> after T0 (never back).</summary>
    public VrmDeciderHarness At(double seconds)
    {
        _harness.At(seconds);
        return this;
    }

    public DecidedStep Send(object input, Peer from) => _harness.Send(input, from);

    public DecidedStep Ask(object question) => Send(question, Operator);

    public DecidedStep Register(string host, string? address = null) =>
        Send(Registration(host, address ?? $"{host}.local:9120"), HostPeer(host));

    public DecidedStep Beat(string host, params VmRuntimeReport[] vms) =>
        Send(new Heartbeat(HostId.From(host), 1, 0, 0, vms), HostPeer(host));

    public DecidedStep Tick() => Send(DetectTick.Instance, Peer.None);

    /// <summary>Two hosts on ds-1 and one HA-enabled VM started on one of them and reported running; returns that VM and its host.</summary>
    public (VmId Vm, HostId Host) ClusterWithRunningVm()
    {
        Register("h-1", "10.0.0.1:9120");
        Register("h-2", "10.0.0.2:9120");
        Ask(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
        var created = Ask(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)]))).ReplyTo<VmView>(Operator);
        var started = Ask(new PowerOnVm(created.VmId));
        var placed = Assert.Single(started.EventsOf<VmPlaced>());
        Beat(placed.Host.Value, new VmRuntimeReport(created.VmId, VmPowerState.Running, 1));
        return (created.VmId, placed.Host);
    }
}
