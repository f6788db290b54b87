using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.HostNode.Cna;

namespace Cluster.Simulation.Hosts;

/// <summary>
/// The cluster's own failure detector as a controller node sees it, for membership-assisted host detection: every
/// second it pings each host node over the simulated network (the same links, with the same faults, that carry the
/// hosts' heartbeats, as Akka's cluster heartbeats share the remoting connection), counts a host unreachable once none
/// of its answers came for longer than <see cref="UnreachableAfter"/>, and tells the VRM on its own node what it sees
/// (<see cref="ClusterMembersSeen"/>), every second, as the VRM may have just started there. Every node stays a member:
/// the model stops at reachability (Akka's resolver downs an unreachable node 2 s later, which the VRM reads the same way).
/// </summary>
internal sealed class ClusterMembershipDecider(IReadOnlyList<string> hostNodes, Peer vrm) : IDecider
{
    public const string Name = "cluster-membership";
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>Akka's acceptable heartbeat pause (1.5 s, <c>ClusterTimings.Tuned</c>) rounded up to the model's 1 s pings.</summary>
    public static readonly TimeSpan UnreachableAfter = TimeSpan.FromSeconds(2);

    private readonly Step _step = new();
    private readonly Dictionary<string, DateTimeOffset> _lastHeard = [];
    private readonly IReadOnlyList<Peer> _responders = [.. hostNodes.Select(h => new Peer(new World.SimAddress(h, PingResponderDecider.Name)))];

    public Step Start(DateTimeOffset now)
    {
        _step.Clear();
        foreach (var host in hostNodes)
        {
            _lastHeard[host] = now;
        }

        _step.StartPeriodicTimer(Tick.TimerKey, Tick.Instance, HeartbeatInterval);
        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step.Clear();
        switch (input)
        {
            case Pong when from.Ref is World.SimAddress address:
                _lastHeard[address.Node] = now;
                break;
            case Tick:
                OnTick(now);
                break;
            default:
                _step.ReportUnhandled(input);
                break;
        }

        return _step;
    }

    private void OnTick(DateTimeOffset now)
    {
        var unreachable = new List<string>();
        foreach (var host in hostNodes)
        {
            if (now - _lastHeard[host] > UnreachableAfter)
            {
                unreachable.Add(host);
            }
        }

        _step.Send(vrm, new ClusterMembersSeen(hostNodes, unreachable));
        foreach (var responder in _responders)
        {
            _step.Send(responder, new Ping());
        }
    }

    /// <summary>Timer input: report what is seen, and ping the hosts again.</summary>
    private sealed record Tick
    {
        public const string TimerKey = "tick";

        public static readonly Tick Instance = new();
    }
}
