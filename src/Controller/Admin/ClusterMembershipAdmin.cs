using Cluster.Messages;
using Cluster.Runtime.Cluster;

namespace Cluster.Controller.Admin;

/// <summary>The admin API's <see cref="IClusterAdmin"/> over this node's Akka.Cluster (<see cref="ClusterMembership"/>).</summary>
public sealed class ClusterMembershipAdmin(ClusterMembership membership) : IClusterAdmin
{
    private readonly ClusterMembership _membership = membership ?? throw new ArgumentNullException(nameof(membership));

    public ClusterMembersView Members() => _membership.View();

    public MembershipCommandResult Leave(string? address) => _membership.Leave(address);

    public MembershipCommandResult Down(string? address) => _membership.Down(address);
}
