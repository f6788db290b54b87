namespace Cluster.Controller.Vrm.Hosts;

/// <summary>
/// The cluster's member nodes as the runtime last reported them (<see cref="ClusterMembersSeen"/>); unknown until it does.
/// A host's address is its agent's actor path, whose node is the part before the path (<c>akka.tcp://cluster@h:p</c>).
/// </summary>
public sealed class ClusterNodes
{
    private HashSet<string>? _members;

    public void Seen(ClusterMembersSeen members)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = [.. members.NodeAddresses];
    }

    /// <summary>Whether the node of the agent at <paramref name="agentAddress"/> is a member; null while membership is unknown.</summary>
    public bool? IsMember(string agentAddress) => _members?.Contains(NodeOf(agentAddress));

    /// <summary>The node part of an actor path: scheme, system, host and port, without the path.</summary>
    public static string NodeOf(string agentAddress)
    {
        ArgumentNullException.ThrowIfNull(agentAddress);
        var scheme = agentAddress.IndexOf("://", StringComparison.Ordinal);
        var path = scheme < 0 ? -1 : agentAddress.IndexOf('/', scheme + 3);
        return path < 0 ? agentAddress : agentAddress[..path];
    }
}
