using Cluster.Deciders;
using Cluster.HostNode.Node;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// A VM agent as a child actor runs it: instead of stopping itself when it has nothing left to do (an input from the
/// CNA could be on its way and would be lost), it tells the CNA it is idle and how many of the CNA's inputs it has
/// handled, and the CNA retires it (<see cref="VmAgentIdle"/>).
/// </summary>
internal sealed class IdleReportingAgent(VmAgentDecider agent, VmId vm, Peer parent) : IDecider
{
    private long _inputsFromParent;

    public Step Start(DateTimeOffset now) => agent.Start(now);

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        if (from == parent)
        {
            _inputsFromParent++;
        }

        var step = agent.Decide(input, from, now);
        if (!step.StopRequested)
        {
            return step;
        }

        var idle = StepCopy.Of(step, message => message, keepStop: false);
        idle.Send(parent, new VmAgentIdle(vm, _inputsFromParent));
        return idle;
    }
}
