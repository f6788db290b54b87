using Cluster.Deciders;
using Cluster.HostNode.Cna;

namespace Cluster.Simulation.Hosts;

/// <summary>
/// Runs the CNA's <see cref="PingIsolationAddress"/> effect as an ask with a timeout: a <see cref="Ping"/> over the
/// host's own management link, and the CNA hears <see cref="IsolationAddressPinged"/>, answered if the
/// <see cref="Pong"/> came within the timeout. A late answer is dropped, as an expired ask's would be.
/// </summary>
internal sealed class IsolationPingerDecider : IDecider
{
    public const string Name = "isolation-ping";

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
                _step.StartSingleTimer(TimedOut.TimerKey, TimedOut.Instance, ping.Timeout);
                break;
            case Pong when !_waiting.IsNone:
                _step.CancelTimer(TimedOut.TimerKey);
                Answer(new IsolationAddressPinged(Answered: true));
                break;
            case TimedOut when !_waiting.IsNone:
                Answer(new IsolationAddressPinged(Answered: false));
                break;
            case Pong or TimedOut:
                // A late answer, or the timeout of a ping already answered.
                break;
            default:
                _step.ReportUnhandled(input);
                break;
        }

        return _step;
    }

    private void Answer(IsolationAddressPinged answer)
    {
        _step.Send(_waiting, answer);
        _waiting = Peer.None;
    }

    /// <summary>Timer input: the isolation address did not answer in time.</summary>
    private sealed record TimedOut
    {
        public const string TimerKey = "timeout";

        public static readonly TimedOut Instance = new();
    }
}
