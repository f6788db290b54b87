namespace Cluster.Runtime.Cluster;

/// <summary>
/// Failure detection, gossip and split-brain timings. The defaults are the tuned figures issue 7 measured:
/// singleton failover after kill -9 of its node took 7.8-8.7 s with them against 49 s with Akka's defaults.
/// </summary>
/// <param name="HeartbeatInterval">Failure-detector heartbeat (Akka default 1 s).</param>
/// <param name="AcceptableHeartbeatPause">Silence tolerated before a node is unreachable (Akka default 3 s).</param>
/// <param name="StableAfter">How long membership must be stable before the split-brain resolver decides (Akka default 20 s).</param>
/// <param name="DownRemovalMargin">Extra wait before a downed node's singleton is handed over (Akka default off).</param>
/// <param name="GossipInterval">Gossip tick (Akka default 1 s).</param>
/// <param name="LeaderActionsInterval">Leader's tick for moving members up and out (Akka default 1 s).</param>
public sealed record ClusterTimings(
    TimeSpan HeartbeatInterval,
    TimeSpan AcceptableHeartbeatPause,
    TimeSpan StableAfter,
    TimeSpan DownRemovalMargin,
    TimeSpan GossipInterval,
    TimeSpan LeaderActionsInterval)
{
    public static ClusterTimings Tuned { get; } = new(
        HeartbeatInterval: TimeSpan.FromMilliseconds(300),
        AcceptableHeartbeatPause: TimeSpan.FromMilliseconds(1500),
        StableAfter: TimeSpan.FromSeconds(2),
        DownRemovalMargin: TimeSpan.FromMilliseconds(500),
        GossipInterval: TimeSpan.FromMilliseconds(200),
        LeaderActionsInterval: TimeSpan.FromMilliseconds(200));
}
