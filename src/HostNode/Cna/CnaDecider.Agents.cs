using Cluster.Deciders;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// The VM agents (<see cref="VmAgentDecider"/>), one per VM whose lease this host holds or is taking.
/// The CNA decider owns them and routes to them in-process: an agent is created by the first input routed to
/// its VM, its effects join the CNA's step, its messages to its parent (this CNA) are decided at once, and it
/// is dropped when its step asks to stop. Every agent input and output is a record naming the VM, so an Akka
/// shell can later give each agent its own child actor (spawn on first input, route by VM id, parent =
/// <c>Context.Parent</c>) without changing the agent; in-process routing keeps today's instants and message
/// order exactly, which the simulation's traces depend on.
/// </summary>
public sealed partial class CnaDecider
{
    // A Dictionary like the lease table it replaces, so agents renew and fence in the same order as leases did.
    private readonly Dictionary<VmId, VmAgentDecider> _agents = [];

    /// <summary>The VMs that have an agent (holding a lease or taking one).</summary>
    public IReadOnlyCollection<VmId> AgentVms => _agents.Keys;

    /// <summary>
    /// The host-wide tick: every agent renews (or gives back a dead guest's lease, or fences) at this same
    /// instant, then the datastores are probed.
    /// </summary>
    private void RenewAll(DateTimeOffset now)
    {
        var running = _hypervisor.Report()
            .Where(r => r.PowerState == VmPowerState.Running)
            .Select(r => new VmInstance(r.VmId, r.Incarnation))
            .ToHashSet();
        var renew = new RenewLease(running);
        foreach (var vm in _agents.Keys.ToList())
        {
            RouteToExistingAgent(vm, renew, now);
        }

        _step.Run(new ProbeDatastores(_settings.Datastores));
    }

    /// <summary>Any answer may come late: every agent checks its deadline again, as each one moves the clock on.</summary>
    private void OnRenewed(StorageLeaseRenewed renewed, DateTimeOffset now)
    {
        RouteToExistingAgent(renewed.Request.Vm, renewed, now);
        foreach (var vm in _agents.Keys.ToList())
        {
            RouteToExistingAgent(vm, CheckFence.Instance, now);
        }
    }

    private void RouteToAgent(VmId vm, object input, DateTimeOffset now)
    {
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
        if (_agents.TryGetValue(vm, out var agent))
        {
            Absorb(vm, agent.Decide(input, _peers.Self, now));
        }
    }

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
                Reply(finished.ReplyTo, finished.CommandId, finished.Refusal);
            }
            else
            {
                _step.Send(message.To, message.Message);
            }
        }

        if (agentStep.StopRequested)
        {
            _agents.Remove(vm);
        }
    }
}
