namespace Cluster.Controller.Vrm.Hosts;

/// <summary>
/// The cluster's member nodes, and those unreachable, as the runtime last reported them (<see cref="ClusterMembersSeen"/>);
/// unknown until it does. A host's address is its agent's actor path, whose node is the part before the path
/// (<c>akka.tcp://cluster@h:p</c>).
/// </summary>
public sealed class ClusterNodes
{
    private HashSet<string>? _members;
    private HashSet<string> _unreachable = [];

    public void Seen(ClusterMembersSeen members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (_members is not null && _members.SetEquals(members.NodeAddresses) && _unreachable.SetEquals(members.Unreachable ?? []))
        {
            // The simulation repeats the same view every second: nothing to rebuild.
            return;
        }

        _members = [.. members.NodeAddresses];
        _unreachable = [.. members.Unreachable ?? []];
    }

    /// <summary>Whether the node of the agent at <paramref name="agentAddress"/> is a member; null while membership is unknown.</summary>
    public bool? IsMember(string agentAddress) => _members?.Contains(NodeOf(agentAddress));

    /// <summary>
    /// Why the cluster has lost the node of the agent at <paramref name="agentAddress"/> ("left the cluster or was downed",
    /// "is unreachable"), or null while it is a reachable member or membership is unknown.
    /// </summary>
    public string? LostBecause(string agentAddress)
    {
        if (_members is null)
        {
            return null;
        }

        var node = NodeOf(agentAddress);
        return !_members.Contains(node) ? "left the cluster or was downed"
            : _unreachable.Contains(node) ? "is unreachable"
            : null;
    }

    /// <summary>
    /// The node part of an actor path: scheme, system, host and port, without the path; for an address without a scheme
    /// (the simulation's <c>host-1/cna</c>) the part before the path.
    /// </summary>
    public static string NodeOf(string agentAddress)
    {
        ArgumentNullException.ThrowIfNull(agentAddress);
        var scheme = agentAddress.IndexOf("://", StringComparison.Ordinal);
        var path = agentAddress.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        return path < 0 ? agentAddress : agentAddress[..path];
    }
}
