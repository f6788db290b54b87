namespace Cluster.Runtime.Cluster;

/// <summary>
/// Failure detection, gossip and split-brain timings, the one place they are set (host nodes and controllers alike).
/// The defaults are tuned for issue 7's floor: the VRM singleton answers from the standby within 10 s of a kill -9 of
/// its node (Akka's defaults took 49 s). A kill costs, in turn: detection (the silence reaches the acceptable pause
/// plus the phi margin, seen at the next unreachable check), stable-after (the survivors are the majority when the
/// cluster has hosts, so they take the split-brain lease at once), the down-removal margin, then
/// the lease-retry and the VRM's recovery. The acceptable pause stays 1.5 s, five heartbeats: a loaded 2-core CI
/// machine stalls a process for hundreds of milliseconds, and a shorter pause downs healthy nodes there.
/// </summary>
/// <param name="HeartbeatInterval">Failure-detector heartbeat (Akka default 1 s).</param>
/// <param name="AcceptableHeartbeatPause">Silence tolerated before a node is unreachable (Akka default 3 s).</param>
/// <param name="StableAfter">How long membership must be stable before the split-brain resolver decides (Akka default 20 s).</param>
/// <param name="DownRemovalMargin">Extra wait before a downed node's singleton is handed over (Akka default off).</param>
/// <param name="GossipInterval">Gossip tick (Akka default 1 s).</param>
/// <param name="LeaderActionsInterval">Leader's tick for moving members up and out (Akka default 1 s).</param>
/// <param name="UnreachableCheckInterval">How often the failure detector is asked who is unreachable (Akka default 1 s); a cheap local check.</param>
/// <param name="MinorityLeaseDelay">
/// How long the minority side of a split (fewer members, of any role) waits before it tries the split-brain lease
/// (Akka default 2 s), so that the majority, which tries at once, wins it. The lease decides either way, but the two
/// sides see the split at different moments: in the multi-node tests on a loaded machine a controller cut off alone saw
/// it 2.2 s before the other four nodes did, and with a 2 s delay it won the lease and downed the majority. A
/// survivor of a kill is the majority whenever the cluster has hosts, so this delay costs a failover nothing there.
/// </param>
/// <param name="DownAllWhenUnstable">
/// How long, beyond stable-after, reachability may keep changing before the resolver downs every node (Akka's default:
/// 3/4 of stable-after but at least 4 s). Seen in the multi-node tests on a loaded machine: after a kill the survivors'
/// own heartbeats flapped for a few seconds and, 6.5 s after the first unreachable, Akka downed the whole cluster. The
/// precaution guards against two sides deciding differently; the SQL lease already lets only one side decide, so the
/// window is long.
/// </param>
public sealed record ClusterTimings(
    TimeSpan HeartbeatInterval,
    TimeSpan AcceptableHeartbeatPause,
    TimeSpan StableAfter,
    TimeSpan DownRemovalMargin,
    TimeSpan GossipInterval,
    TimeSpan LeaderActionsInterval,
    TimeSpan UnreachableCheckInterval,
    TimeSpan MinorityLeaseDelay,
    TimeSpan DownAllWhenUnstable)
{
    public static ClusterTimings Tuned { get; } = new(
        HeartbeatInterval: TimeSpan.FromMilliseconds(300),
        AcceptableHeartbeatPause: TimeSpan.FromMilliseconds(1500),
        StableAfter: TimeSpan.FromSeconds(2),
        DownRemovalMargin: TimeSpan.FromMilliseconds(500),
        GossipInterval: TimeSpan.FromMilliseconds(200),
        LeaderActionsInterval: TimeSpan.FromMilliseconds(200),
        UnreachableCheckInterval: TimeSpan.FromMilliseconds(250),
        MinorityLeaseDelay: TimeSpan.FromSeconds(5),
        DownAllWhenUnstable: TimeSpan.FromSeconds(20));
}
