using Cluster.Deciders;
using Cluster.Deciders.Testing;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>
/// A CNA decider over a simulated hypervisor in the shared <see cref="DeciderHarness{TDecider}"/>, started at
/// <see cref="TestClock.T0"/>: hypervisor effects are run at once and their answers decided before anything else; every
/// other effect is only recorded, for the test to answer (or not). With <see cref="CnaDeciderSettings.AgentsAsChildren"/>
/// it also plays the child actors: a message to a <see cref="VmAgentAddress"/> is decided by that VM's agent in a harness
/// of its own (as the Akka VmActor hosts it), the agent's messages to its parent come back to the CNA in mailbox order,
/// and <see cref="Answer"/> hands a lease answer to the agent that asked. A step returned is everything one input led to,
/// less the messages between the CNA and its children.
/// </summary>
internal sealed class CnaHarness
{
    public static readonly Peer Self = new("cna-1");
    public static readonly Peer Controller1 = new("ctrl-1");
    public static readonly Peer Controller2 = new("ctrl-2");
    public static readonly Peer Gateway = new("gateway");
    public static readonly HostId Host = HostId.From("host-1");
    public static readonly DatastoreId Ds1 = DatastoreId.From("ds-1");
    public static readonly HostHardware Hardware = new(1, 8, 1, 2000, 32_768);

    private readonly HypervisorEffectRunner _hypervisorRunner;
    private readonly CnaDeciderSettings _settings;
    private readonly DeciderHarness<CnaDecider> _cna;
    private readonly Dictionary<VmId, DeciderHarness<IdleReportingAgent>> _children = [];

    public CnaHarness(Func<CnaDeciderSettings, CnaDeciderSettings>? configure = null, Func<double>? random = null, bool isolationAddress = true, SimulatedHypervisor? hypervisor = null)
    {
        Hypervisor = hypervisor ?? new SimulatedHypervisor(Hardware);
        _hypervisorRunner = new HypervisorEffectRunner(Hypervisor);
        var settings = new CnaDeciderSettings(Host, Hardware, CpuFeatureSet.None, [Ds1]);
        _settings = configure?.Invoke(settings) ?? settings;
        var peers = new CnaPeers(Self, "/user/cna", [Controller1, Controller2], isolationAddress ? Gateway : Peer.None);
        var cna = new CnaDecider(_settings, peers, Hypervisor, random ?? (() => 0.0), NullLogger.Instance);
        _cna = new DeciderHarness<CnaDecider>(cna).RunAtOnce<PerformHypervisorOperation>(_hypervisorRunner.Run);
        var mailbox = new Queue<Letter>();
        Started = Deliver([Route(_cna.Start(), null, mailbox)], mailbox);
    }

    public SimulatedHypervisor Hypervisor { get; }

    public CnaDecider Cna => _cna.Decider;

    /// <summary>What the start led to.</summary>
    public DecidedStep Started { get; }

    /// <summary>The child agents alive (child mode only).</summary>
    public IReadOnlyCollection<VmId> Children => _children.Keys;

    public static VmSpec Spec(string name) =>
        new(name, 2, 4096, [new VmDisk(Ds1, 40)], QosSpec.Default, QosSpec.Default, HaEnabled: true, RestartPriority.Medium, CpuFeatureSet.None);

    /// <summary>Moves the clock of the CNA and of its children to <paramref name="seconds"/> after <see cref="TestClock.T0"/>.</summary>
    public CnaHarness At(double seconds)
    {
        _cna.At(seconds);
        foreach (var child in _children.Values)
        {
            child.At(_cna.Now);
        }

        return this;
    }

    public DecidedStep Send(object input, Peer from = default) => Deliver([], new Queue<Letter>([new Letter(null, input, from)]));

    /// <summary>Fires the live timer of <paramref name="key"/> now: the CNA's, or in child mode a child agent's.</summary>
    public DecidedStep Fire(string key)
    {
        var mailbox = new Queue<Letter>();
        foreach (var (vm, child) in _children)
        {
            if (child.LiveTimers.ContainsKey(key))
            {
                return Deliver([Route(child.Fire(key), vm, mailbox)], mailbox);
            }
        }

        return Deliver([Route(_cna.Fire(key), null, mailbox)], mailbox);
    }

    /// <summary>Hands an effect's answer to whoever ran the effect: a lease answer to the child agent of its VM, if there is one.</summary>
    public DecidedStep Answer(object answer)
    {
        VmId? vm = answer switch
        {
            StorageLeaseAcquired acquired => acquired.Request.Vm,
            StorageLeaseRenewed renewed => renewed.Request.Vm,
            StorageLeaseReleased released => released.Request.Vm,
            _ => null,
        };
        var agent = vm is { } asker && _children.ContainsKey(asker) ? vm : null;
        return Deliver([], new Queue<Letter>([new Letter(agent, answer, Peer.None)]));
    }

    private static Peer AgentPeer(VmId vm) => new($"agent-{vm}");

    private DecidedStep Deliver(List<DecidedStep> led, Queue<Letter> mailbox)
    {
        while (mailbox.TryDequeue(out var letter))
        {
            var step = letter.Agent is { } vm ? ChildOf(vm, led, mailbox).Send(letter.Input, letter.From) : _cna.Send(letter.Input, letter.From);
            led.Add(Route(step, letter.Agent, mailbox));
        }

        return DecidedStep.Combine(led);
    }

    /// <summary>Posts the messages between the CNA and its children; returns the step with the messages that leave the host.</summary>
    private DecidedStep Route(DecidedStep step, VmId? decidedBy, Queue<Letter> mailbox)
    {
        var leaving = new List<Outbound>();
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
                    mailbox.Enqueue(new Letter(agent.Vm, message.Message, Self));
                }
            }
            else if (decidedBy is { } child && message.To == Self)
            {
                mailbox.Enqueue(new Letter(null, message.Message, AgentPeer(child)));
            }
            else
            {
                leaving.Add(message);
            }
        }

        return step with { Messages = leaving };
    }

    private DeciderHarness<IdleReportingAgent> ChildOf(VmId vm, List<DecidedStep> led, Queue<Letter> mailbox)
    {
        if (!_children.TryGetValue(vm, out var child))
        {
            var agent = new IdleReportingAgent(new VmAgentDecider(vm, Host, Self, _settings.Fencing, NullLogger.Instance), vm, Self);
            child = new DeciderHarness<IdleReportingAgent>(agent).RunAtOnce<PerformHypervisorOperation>(_hypervisorRunner.Run).At(_cna.Now);
            _children[vm] = child;
            led.Add(Route(child.Start(), vm, mailbox));
        }

        return child;
    }

    /// <summary>An input on its way to the CNA (no agent) or to a child agent.</summary>
    private readonly record struct Letter(VmId? Agent, object Input, Peer From);
}
