using Cluster.Deciders;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>
/// A CNA decider over a simulated hypervisor, driven like the runtimes drive it: hypervisor effects are run at
/// once and their results decided before anything else; every other effect is only collected, for the test
/// to answer (or not). With <see cref="CnaDeciderSettings.AgentsAsChildren"/> it also plays the child actors: a
/// message to a <see cref="VmAgentAddress"/> is decided by that VM's agent (as the Akka VmActor hosts it), whose
/// messages to its parent come back to the CNA, and <see cref="Answer"/> hands a lease answer to the agent that asked.
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
    private readonly CnaDeciderSettings _settings;
    private readonly Dictionary<VmId, IdleReportingAgent> _children = [];

    public CnaHarness(Func<CnaDeciderSettings, CnaDeciderSettings>? configure = null, Func<double>? random = null, bool isolationAddress = true, SimulatedHypervisor? hypervisor = null)
    {
        Hypervisor = hypervisor ?? new SimulatedHypervisor(Hardware);
        _executor = new HypervisorExecutor(Hypervisor);
        var settings = new CnaDeciderSettings(Host, Hardware, CpuFeatureSet.None, [Ds1]);
        _settings = configure?.Invoke(settings) ?? settings;
        var peers = new CnaPeers(Self, "/user/cna", [Controller1, Controller2], isolationAddress ? Gateway : Peer.None);
        Cna = new CnaDecider(_settings, peers, Hypervisor, random ?? (() => 0.0), NullLogger.Instance);
    }

    public SimulatedHypervisor Hypervisor { get; }

    public CnaDecider Cna { get; }

    /// <summary>The child agents alive (child mode only).</summary>
    public IReadOnlyCollection<VmId> Children => _children.Keys;

    public static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    public static VmSpec Spec(string name) =>
        new(name, 2, 4096, [new VmDisk(Ds1, 40)], QosSpec.Default, QosSpec.Default, HaEnabled: true, RestartPriority.Medium, CpuFeatureSet.None);

    public Outcome Start(DateTimeOffset now) => Settle(Cna.Start(now), null, now);

    public Outcome Feed(object input, DateTimeOffset now, Peer? from = null) => Settle(Cna.Decide(input, from ?? Peer.None, now), null, now);

    /// <summary>A collected lease effect's answer, to whoever ran the effect: the CNA, or in child mode the VM's agent.</summary>
    public Outcome Answer(object result, DateTimeOffset now)
    {
        VmId? vm = result switch
        {
            StorageLeaseAcquired acquired => acquired.Request.Vm,
            StorageLeaseRenewed renewed => renewed.Request.Vm,
            _ => null,
        };
        return _settings.AgentsAsChildren && vm is { } agent && _children.TryGetValue(agent, out var child)
            ? Settle(child.Decide(result, Peer.None, now), agent, now)
            : Feed(result, now);
    }

    private Outcome Settle(Step first, VmId? decidedBy, DateTimeOffset now)
    {
        var outcome = new Outcome();
        var work = new Queue<(VmId? Agent, object Input, Peer From)>();
        Collect(first, decidedBy, outcome, work, now);
        while (work.TryDequeue(out var next))
        {
            var step = next.Agent is { } vm ? ChildOf(vm, outcome, work, now).Decide(next.Input, next.From, now) : Cna.Decide(next.Input, next.From, now);
            Collect(step, next.Agent, outcome, work, now);
        }

        return outcome;
    }

    private void Collect(Step step, VmId? decidedBy, Outcome outcome, Queue<(VmId?, object, Peer)> work, DateTimeOffset now)
    {
        foreach (var message in step.Messages)
        {
            if (message.To.Ref is VmAgentAddress agent)
            {
                if (message.Message is RetireAgent)
                {
                    _children.Remove(agent.Vm);
                }
                else
                {
                    work.Enqueue((agent.Vm, message.Message, Self));
                }
            }
            else if (decidedBy is { } child && message.To == Self)
            {
                work.Enqueue((null, message.Message, new Peer($"agent-{child}")));
            }
            else
            {
                outcome.Messages.Add(message);
            }
        }

        outcome.Timers.AddRange(step.Timers);
        foreach (var effect in step.Effects)
        {
            if (effect is HypervisorRequest request)
            {
                outcome.HypervisorCalls.Add(request.Operation);
                work.Enqueue((decidedBy, _executor.Execute(request), Peer.None));
            }
            else
            {
                outcome.Effects.Add(effect);
            }
        }
    }

    private IdleReportingAgent ChildOf(VmId vm, Outcome outcome, Queue<(VmId?, object, Peer)> work, DateTimeOffset now)
    {
        if (!_children.TryGetValue(vm, out var child))
        {
            child = new IdleReportingAgent(new VmAgentDecider(vm, Host, Self, _settings.Fencing, NullLogger.Instance), vm, Self);
            _children[vm] = child;
            Collect(child.Start(now), vm, outcome, work, now);
        }

        return child;
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
