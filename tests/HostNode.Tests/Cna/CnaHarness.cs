using Cluster.Deciders;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>
/// A CNA decider over a simulated hypervisor, driven like the runtimes drive it: hypervisor effects are run at
/// once and their results decided before anything else; every other effect is only collected, for the test
/// to answer (or not).
/// </summary>
internal sealed class CnaHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly Peer Self = new("cna-1");
    public static readonly Peer Controller1 = new("ctrl-1");
    public static readonly Peer Controller2 = new("ctrl-2");
    public static readonly Peer Gateway = new("gateway");
    public static readonly HostId Host = HostId.From("host-1");
    public static readonly DatastoreId Ds1 = DatastoreId.From("ds-1");
    public static readonly HostHardware Hardware = new(1, 8, 1, 2000, 32_768);

    private readonly HypervisorExecutor _executor;

    public CnaHarness(Func<CnaDeciderSettings, CnaDeciderSettings>? configure = null, Func<double>? random = null, bool isolationAddress = true)
    {
        Hypervisor = new SimulatedHypervisor(Hardware);
        _executor = new HypervisorExecutor(Hypervisor);
        var settings = new CnaDeciderSettings(Host, Hardware, CpuFeatureSet.None, [Ds1]);
        settings = configure?.Invoke(settings) ?? settings;
        var peers = new CnaPeers(Self, "/user/cna", [Controller1, Controller2], isolationAddress ? Gateway : Peer.None);
        Cna = new CnaDecider(settings, peers, Hypervisor, random ?? (() => 0.0), NullLogger.Instance);
    }

    public SimulatedHypervisor Hypervisor { get; }

    public CnaDecider Cna { get; }

    public static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    public static VmSpec Spec(string name) =>
        new(name, 2, 4096, [new VmDisk(Ds1, 40)], QosSpec.Default, QosSpec.Default, HaEnabled: true, RestartPriority.Medium, CpuFeatureSet.None);

    public Outcome Start(DateTimeOffset now) => Settle(Cna.Start(now), now);

    public Outcome Feed(object input, DateTimeOffset now, Peer? from = null) => Settle(Cna.Decide(input, from ?? Peer.None, now), now);

    private Outcome Settle(Step first, DateTimeOffset now)
    {
        var outcome = new Outcome();
        var results = new Queue<object>();
        var step = first;
        while (true)
        {
            outcome.Messages.AddRange(step.Messages);
            outcome.Timers.AddRange(step.Timers);
            foreach (var effect in step.Effects)
            {
                if (effect is HypervisorRequest request)
                {
                    outcome.HypervisorCalls.Add(request.Operation);
                    results.Enqueue(_executor.Execute(request));
                }
                else
                {
                    outcome.Effects.Add(effect);
                }
            }

            if (!results.TryDequeue(out var result))
            {
                return outcome;
            }

            step = Cna.Decide(result, Peer.None, now);
        }
    }
}

/// <summary>Everything one input led to, hypervisor round trips included.</summary>
internal sealed class Outcome
{
    public List<Outbound> Messages { get; } = [];

    public List<TimerCommand> Timers { get; } = [];

    public List<HypervisorOperation> HypervisorCalls { get; } = [];

    public List<object> Effects { get; } = [];

    public IEnumerable<T> Sent<T>(Peer to) => Messages.Where(m => m.To == to).Select(m => m.Message).OfType<T>();

    public T Effect<T>() => Assert.Single(Effects.OfType<T>());
}
