using Akka.Actor;
using Cluster.Deciders;
using Cluster.HostNode.Node;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Runtime.Deciders;
// Akka.Actor has a supervision IDecider too.
using IDecider = Cluster.Deciders.IDecider;

namespace Cluster.HostNode.Cna;

/// <summary>
/// Between the CNA decider and its shell when agents are child actors: a message to a <see cref="VmAgentAddress"/>
/// goes to that VM's child (made by the first message), and <see cref="RetireAgent"/> stops the child instead.
/// </summary>
internal sealed class ChildAgentRouter(IDecider cna, Func<VmId, IActorRef> childOf, Action<VmId> retire) : IDecider
{
    public Step Start(DateTimeOffset now) => Route(cna.Start(now));

    public Step Decide(object input, Peer from, DateTimeOffset now) => Route(cna.Decide(input, from, now));

    private Step Route(Step step) => step.Messages.Any(m => m.To.Ref is VmAgentAddress) ? StepCopy.Of(step, Redirect, keepStop: true) : step;

    private Outbound? Redirect(Outbound message)
    {
        if (message.To.Ref is not VmAgentAddress agent)
        {
            return message;
        }

        if (message.Message is RetireAgent)
        {
            retire(agent.Vm);
            return null;
        }

        return message with { To = PeerRefs.Of(childOf(agent.Vm)) };
    }
}
