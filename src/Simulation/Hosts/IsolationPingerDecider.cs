using Cluster.Deciders;
using Cluster.HostNode.Cna;

namespace Cluster.Simulation.Hosts;

/// <summary>
/// Runs the CNA's <see cref="PingIsolationAddress"/> effect as an ask with a timeout: a <see cref="Ping"/> over the
/// host's own management link, and the CNA hears <see cref="Pong"/> if the answer comes within the timeout, else
/// <see cref="IsolationPingTimedOut"/>. A late answer is dropped, as an expired ask's would be.
/// </summary>
internal sealed class IsolationPingerDecider : IDecider
{
    public const string Name = "isolation-ping";
    private const string TimeoutKey = "timeout";

    private readonly Step _step = new();
    private Peer _waiting = Peer.None;

    public Step Start(DateTimeOffset now)
    {
        _step.Clear();
        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step.Clear();
        switch (input)
        {
            case PingIsolationAddress ping:
                _waiting = from;
                _step.Send(ping.Address, new Ping());
                _step.StartSingleTimer(TimeoutKey, IsolationPingTimedOut.Instance, ping.Timeout);
                break;
            case Pong when !_waiting.IsNone:
                _step.CancelTimer(TimeoutKey);
                Answer(new Pong());
                break;
            case IsolationPingTimedOut when !_waiting.IsNone:
                Answer(IsolationPingTimedOut.Instance);
                break;
        }

        return _step;
    }

    private void Answer(object answer)
    {
        _step.Send(_waiting, answer);
        _waiting = Peer.None;
    }
}
