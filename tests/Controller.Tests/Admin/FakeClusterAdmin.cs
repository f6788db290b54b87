using System.Collections.Concurrent;
using Cluster.Controller.Admin;
using Cluster.Messages;
using Cluster.Runtime.Cluster;

namespace Cluster.Controller.Tests.Admin;

/// <summary>
/// A two-controller, one-host membership. Leave and down accept a member's address, refuse "not-an-address" as
/// malformed and any other as no member, as <see cref="ClusterMembership"/> does; each call is recorded.
/// </summary>
internal sealed class FakeClusterAdmin : IClusterAdmin
{
    public const string ControllerA = "akka.tcp://cluster@127.0.0.1:9100";
    public const string ControllerB = "akka.tcp://cluster@127.0.0.1:9101";
    public const string HostC = "akka.tcp://cluster@127.0.0.1:9200";
    public const string Malformed = "not-an-address";

    public ConcurrentQueue<(string Command, string? Address)> Calls { get; } = new();

    public ClusterMembersView View { get; init; } = new(
        ControllerB,
        ControllerA,
        ControllerA,
        ControllerA,
        [
            new(ControllerA, 11, ["controller"], ClusterMemberStatus.Up, true, []),
            new(ControllerB, 12, ["controller"], ClusterMemberStatus.Up, true, []),
            new(HostC, 13, ["host"], ClusterMemberStatus.Up, false, [ControllerB]),
        ]);

    public ClusterMembersView Members() => View;

    public MembershipCommandResult Leave(string? address) => Command("leave", address);

    public MembershipCommandResult Down(string? address) => Command("down", address);

    private MembershipCommandResult Command(string command, string? address)
    {
        Calls.Enqueue((command, address));
        if (address is null or Malformed)
        {
            return MembershipCommandResult.Refused(MembershipRefusal.MalformedAddress, new FieldError("address", "is not an Akka address"));
        }

        return View.Members.FirstOrDefault(m => m.Address == address) is { } member
            ? MembershipCommandResult.Sent(member)
            : MembershipCommandResult.Refused(MembershipRefusal.NotAMember, new FieldError("address", $"{address} is not a member of this cluster"));
    }
}
