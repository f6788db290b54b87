using Cluster.Deciders;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// The VM agents (<see cref="VmAgentDecider"/>), one per VM whose lease this host holds or is taking.
/// By default the CNA decider owns them and routes to them in-process: an agent is created by the first input routed
/// to its VM, its effects join the CNA's step, its messages to its parent (this CNA) are decided at once, and it is
/// dropped when its step asks to stop; in-process routing keeps today's instants and message order exactly, which the
/// simulation's traces depend on. With <see cref="CnaDeciderSettings.AgentsAsChildren"/> the same inputs are sent to
/// a <see cref="VmAgentAddress"/> instead (a child actor under Akka, which runs its own effects), the child's messages
/// come back as inputs, and a child is retired only once it reports idle after every input sent to it.
/// </summary>
public sealed partial class CnaDecider
{
    // A Dictionary like the lease table it replaces, so agents renew and fence in the same order as leases did.
    private readonly Dictionary<VmId, VmAgentDecider> _agents = [];

    // Child mode: the inputs sent to each child agent, which its idle report must match before it is retired.
    private readonly Dictionary<VmId, long> _childAgents = [];

    // The agents' VMs as they were before a round of inputs that may retire some: reused, since every lease renewal
    // answer starts such a round.
    private readonly List<VmId> _agentRound = [];

    /// <summary>The VMs that have an agent (holding a lease or taking one).</summary>
    public IReadOnlyCollection<VmId> AgentVms => _settings.AgentsAsChildren ? _childAgents.Keys : _agents.Keys;

    /// <summary>
    /// The host-wide tick: every agent renews (or gives back a dead guest's lease, or fences) at this same
    /// instant, then the datastores are probed.
    /// </summary>
    private void RenewAll(DateTimeOffset now)
    {
        var renew = new RenewLease(RunningGuests());
        foreach (var vm in AgentRound(AgentVms))
        {
            RouteToExistingAgent(vm, renew, now);
        }

        _step.Run(new ProbeDatastores(_settings.Datastores));
    }

    private HashSet<VmInstance> RunningGuests()
    {
        var running = new HashSet<VmInstance>();
        foreach (var report in _hypervisor.Report())
        {
            if (report.PowerState == VmPowerState.Running)
            {
                running.Add(new VmInstance(report.VmId, report.Incarnation));
            }
        }

        return running;
    }

    private List<VmId> AgentRound(IReadOnlyCollection<VmId> vms)
    {
        _agentRound.Clear();
        _agentRound.AddRange(vms);
        return _agentRound;
    }

    /// <summary>
    /// After the node rejoined, the agents of the VMs still running take over the leases they held, so the same
    /// holder and incarnation keep renewing them; a lease whose VM no longer runs is left to expire.
    /// </summary>
    private void AdoptRunningVms(DateTimeOffset now)
    {
        var running = RunningGuests();
        foreach (var adopted in _settings.AdoptedLeases.Where(a => running.Contains(new VmInstance(a.Vm, a.Incarnation))))
        {
            RouteToAgent(adopted.Vm, adopted, now);
        }
    }

    /// <summary>Any answer may come late: every agent checks its deadline again, as each one moves the clock on.</summary>
    private void OnRenewed(StorageLeaseRenewed renewed, DateTimeOffset now)
    {
        RouteToExistingAgent(renewed.Request.Vm, renewed, now);
        foreach (var vm in AgentRound(_agents.Keys))
        {
            RouteToExistingAgent(vm, CheckFence.Instance, now);
        }
    }

    private void RouteToAgent(VmId vm, object input, DateTimeOffset now)
    {
        if (_settings.AgentsAsChildren)
        {
            _childAgents[vm] = _childAgents.GetValueOrDefault(vm) + 1;
            _step.Send(AgentPeer(vm), input);
            return;
        }

        if (!_agents.TryGetValue(vm, out var agent))
        {
            agent = new VmAgentDecider(vm, _settings.HostId, _peers.Self, _settings.Fencing, _log);
            _agents[vm] = agent;
            Absorb(vm, agent.Start(now));
        }

        Absorb(vm, agent.Decide(input, _peers.Self, now));
    }

    private void RouteToExistingAgent(VmId vm, object input, DateTimeOffset now)
    {
        if (_settings.AgentsAsChildren)
        {
            if (_childAgents.ContainsKey(vm))
            {
                RouteToAgent(vm, input, now);
            }

            return;
        }

        // One lookup, not a check and then RouteToAgent's own: every lease renewal answer routes to every agent.
        if (_agents.TryGetValue(vm, out var agent))
        {
            Absorb(vm, agent.Decide(input, _peers.Self, now));
        }
    }

    /// <summary>A child agent has nothing left to do: retire it unless an input sent to it is still on its way.</summary>
    private void OnAgentIdle(VmAgentIdle idle)
    {
        if (_childAgents.TryGetValue(idle.Vm, out var sent) && sent == idle.InputsHandled)
        {
            _childAgents.Remove(idle.Vm);
            _step.Send(AgentPeer(idle.Vm), RetireAgent.Instance);
        }
    }

    private static Peer AgentPeer(VmId vm) => new(new VmAgentAddress(vm));

    private void Absorb(VmId vm, Step agentStep)
    {
        foreach (var effect in agentStep.Effects)
        {
            _step.Run(effect);
        }

        foreach (var message in agentStep.Messages)
        {
            if (message.To == _peers.Self && message.Message is VmCommandFinished finished)
            {
                Reply(finished.ReplyTo, finished.CommandId, finished.Refusal, finished.Answer);
            }
            else
            {
                _step.Send(message.To, message.Message);
            }
        }

        // An agent's timers are keyed by its VM, so they share the CNA's timers without clashing; they fire here.
        foreach (var timer in agentStep.Timers)
        {
            _step.Schedule(timer);
        }

        if (agentStep.StopRequested)
        {
            _agents.Remove(vm);
        }
    }
}
