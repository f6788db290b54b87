using Akka.Cluster;

namespace Cluster.Controller.Vrm;

/// <summary>
/// Folds Akka's cluster events into the VRM's <see cref="ClusterMembersSeen"/> input: members not on their way out
/// (Joining, WeaklyUp, Up) and the nodes the cluster's failure detector marks unreachable. Kept from the events
/// themselves rather than read from <c>Cluster.State</c>, which is updated by another subscriber and may not yet hold
/// the event just received.
/// </summary>
internal sealed class ClusterMembershipFeed
{
    private readonly HashSet<string> _members = [];
    private readonly HashSet<string> _unreachable = [];

    /// <summary>The VRM's input after <paramref name="clusterEvent"/>, or null when it changed nothing the VRM reads.</summary>
    public ClusterMembersSeen? On(object clusterEvent)
    {
        switch (clusterEvent)
        {
            case ClusterEvent.CurrentClusterState state:
                _members.Clear();
                _unreachable.Clear();
                foreach (var member in state.Members)
                {
                    if (IsIn(member.Status))
                    {
                        _members.Add(member.Address.ToString());
                    }
                }

                foreach (var member in state.Unreachable)
                {
                    _unreachable.Add(member.Address.ToString());
                }

                break;
            case ClusterEvent.MemberRemoved removed:
                _unreachable.Remove(removed.Member.Address.ToString());
                if (!_members.Remove(removed.Member.Address.ToString()))
                {
                    return null;
                }

                break;
            case ClusterEvent.MemberStatusChange change when IsIn(change.Member.Status):
                if (!_members.Add(change.Member.Address.ToString()))
                {
                    return null;
                }

                break;
            case ClusterEvent.MemberStatusChange change:
                if (!_members.Remove(change.Member.Address.ToString()))
                {
                    return null;
                }

                break;
            case ClusterEvent.UnreachableMember unreachable:
                if (!_unreachable.Add(unreachable.Member.Address.ToString()))
                {
                    return null;
                }

                break;
            case ClusterEvent.ReachableMember reachable:
                if (!_unreachable.Remove(reachable.Member.Address.ToString()))
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        return new ClusterMembersSeen([.. _members.Order(StringComparer.Ordinal)], [.. _unreachable.Order(StringComparer.Ordinal)]);
    }

    private static bool IsIn(MemberStatus status) => status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up;
}
