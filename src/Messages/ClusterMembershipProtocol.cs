namespace Cluster.Messages;

/// <summary>
/// An Akka.Cluster member's status, as the admin API reports it. Mirrors Akka's own so the API needs no Akka
/// reference; a member goes Joining → (WeaklyUp) → Up → Leaving → Exiting → Removed, or Down → Removed.
/// </summary>
public enum ClusterMemberStatus
{
    Joining,
    WeaklyUp,
    Up,
    Leaving,
    Exiting,
    Down,
    Removed,
    PreparingForShutdown,
    ReadyForShutdown,
}

/// <summary>
/// One member of the Akka cluster: <paramref name="Address"/> as Akka writes it (<c>akka.tcp://cluster@10.0.0.5:4053</c>),
/// the incarnation <paramref name="Uid"/> that tells a restarted node from its predecessor at the same address.
/// <paramref name="Reachable"/> is false once any member's failure detector has given up on it (the gossiped view);
/// <paramref name="UnreachableBy"/> names the observers the answering node can vouch for (itself: Akka keeps the
/// rest of the who-sees-whom table internal), so it may be empty while <paramref name="Reachable"/> is false.
/// </summary>
public sealed record ClusterMemberView(
    string Address,
    long? Uid,
    IReadOnlyList<string> Roles,
    ClusterMemberStatus Status,
    bool Reachable,
    IReadOnlyList<string> UnreachableBy) : IWireMessage;

/// <summary>
/// The cluster's membership as one node sees it: who is a member, the cluster leader (it moves members between
/// statuses), the leader among controllers, and where the VRM singleton runs: the oldest Up controller, which is
/// the member ClusterSingletonManager hands the singleton to. Null where the node does not know yet (not joined).
/// </summary>
public sealed record ClusterMembersView(
    string SelfAddress,
    string? Leader,
    string? ControllerLeader,
    string? SingletonAt,
    IReadOnlyList<ClusterMemberView> Members) : IWireMessage;

/// <summary>The body of <c>POST /api/cluster/leave</c> and <c>/down</c>: the member's Akka address.</summary>
public sealed record ClusterMemberRequest(string Address) : IWireMessage;
