using Cluster.Deciders;
using Cluster.HostNode.Cna;

namespace Cluster.Simulation.Hosts;

/// <summary>
/// Answers every <see cref="Ping"/> with a <see cref="Pong"/>: the isolation address on the gateway node, and the
/// failure detector's heartbeat target on each controller node.
/// </summary>
internal sealed class PingResponderDecider : IDecider
{
    public const string Name = "ping";

    private readonly Step _step = new();

    public Step Start(DateTimeOffset now)
    {
        _step.Clear();
        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step.Clear();
        if (input is Ping)
        {
            _step.Send(from, new Pong());
        }
        else
        {
            _step.ReportUnhandled(input);
        }

        return _step;
    }
}
