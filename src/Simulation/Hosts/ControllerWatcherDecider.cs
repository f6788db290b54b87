using Cluster.Deciders;
using Cluster.HostNode.Cna;

namespace Cluster.Simulation.Hosts;

/// <summary>
/// The host's failure detector for the controllers, run for the CNA's <see cref="WatchController"/> effect. The CNA
/// watches one peer, the VRM singleton's proxy; the proxy counts as unreachable when no controller node has answered
/// a heartbeat for longer than <see cref="UnreachableAfter"/> (Akka's view: every member of role controller
/// unreachable). Like DeathWatch it reports once (<see cref="ControllerUnreachable"/>) and then needs a new watch; it
/// heartbeats every second, only while a watch is on.
/// </summary>
internal sealed class ControllerWatcherDecider(IReadOnlyList<Peer> controllerResponders) : IDecider
{
    public const string Name = "controller-watch";
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan UnreachableAfter = TimeSpan.FromSeconds(10);

    private readonly Step _step = new();
    private Peer _watcher = Peer.None;
    private Peer _watched = Peer.None;
    private DateTimeOffset _lastHeard;

    public Step Start(DateTimeOffset now)
    {
        _step.Clear();
        _step.StartPeriodicTimer(Tick.TimerKey, Tick.Instance, HeartbeatInterval);
        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step.Clear();
        switch (input)
        {
            case WatchController watch when _watched.IsNone:
                _watcher = from;
                _watched = watch.Controller;
                _lastHeard = now;
                break;
            case Pong when !_watched.IsNone:
                _lastHeard = now;
                break;
            case Tick when !_watched.IsNone:
                OnTick(now);
                break;
            case WatchController or Pong or Tick:
                // A second watch while one is on, or a late answer or a tick with no watch on: nothing to do.
                break;
            default:
                _step.ReportUnhandled(input);
                break;
        }

        return _step;
    }

    private void OnTick(DateTimeOffset now)
    {
        if (now - _lastHeard > UnreachableAfter)
        {
            _step.Send(_watcher, new ControllerUnreachable(_watched));
            _watched = Peer.None;
            _watcher = Peer.None;
            return;
        }

        foreach (var responder in controllerResponders)
        {
            _step.Send(responder, new Ping());
        }
    }

    /// <summary>Timer input: heartbeat the controllers, or report them unreachable.</summary>
    private sealed record Tick
    {
        public const string TimerKey = "tick";

        public static readonly Tick Instance = new();
    }
}
