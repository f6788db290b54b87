using Cluster.Messages;
using Cluster.Runtime.Cluster;

namespace Cluster.Controller.Admin;

/// <summary>
/// Cluster membership as the admin API needs it: the members, and asking one to leave or marking it down. The
/// process passes <see cref="ClusterMembershipAdmin"/> once it runs on Akka.Cluster; tests pass a fake.
/// </summary>
public interface IClusterAdmin
{
    ClusterMembersView Members();

    /// <param name="address">As the caller sent it; the implementation validates it.</param>
    MembershipCommandResult Leave(string? address);

    /// <param name="address">As the caller sent it; the implementation validates it.</param>
    MembershipCommandResult Down(string? address);
}
