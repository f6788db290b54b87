using Akka.Actor;
using Akka.Cluster;
using Cluster.Messages;

namespace Cluster.Runtime.Cluster;

/// <summary>
/// The operator's view of Akka.Cluster membership and its two commands, for the admin API: reads this node's
/// current gossip state into a <see cref="ClusterMembersView"/>, and sends <c>Leave</c> or <c>Down</c> for an address
/// only after checking that it is well formed and names a current member (Akka itself would accept any address and
/// silently do nothing, which an operator cannot tell from "it worked").
/// </summary>
public sealed class ClusterMembership
{
    public const string AddressField = "address";
    private const string AddressForm = "protocol://system@host:port, e.g. akka.tcp://cluster@10.0.0.5:4053";

    private readonly Akka.Cluster.Cluster _cluster;

    public ClusterMembership(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _cluster = Akka.Cluster.Cluster.Get(system);
    }

    public ClusterMembersView View()
    {
        var state = _cluster.State;
        var members = state.Members.Select(m => ToView(m, state.Unreachable)).ToList();
        return new ClusterMembersView(
            _cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            state.RoleLeader(ClusterRoles.Controller)?.ToString(),
            SingletonHost(state.Members)?.Address.ToString(),
            members);
    }

    /// <summary>Asks the member to leave gracefully: Leaving, then Exiting once the leader sees it, then Removed.</summary>
    public MembershipCommandResult Leave(string? address) => Command(address, _cluster.Leave);

    /// <summary>Marks the member Down: the leader removes it without waiting for it; for a node known to be dead.</summary>
    public MembershipCommandResult Down(string? address) => Command(address, _cluster.Down);

    /// <summary>
    /// The member ClusterSingletonManager places the VRM on: the oldest Up member with role controller (oldest by the
    /// order members became Up, as Akka's age ordering defines it).
    /// </summary>
    internal static Member? SingletonHost(IEnumerable<Member> members) =>
        members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(ClusterRoles.Controller))
            .Aggregate((Member?)null, (oldest, m) => oldest is null || m.IsOlderThan(oldest) ? m : oldest);

    private MembershipCommandResult Command(string? text, Action<Address> send)
    {
        if (!TryParse(text, out var address, out var error))
        {
            return MembershipCommandResult.Refused(MembershipRefusal.MalformedAddress, error!);
        }

        var state = _cluster.State;
        var member = state.Members.FirstOrDefault(m => m.Address.Equals(address));
        if (member is null)
        {
            var known = string.Join(", ", state.Members.Select(m => m.Address.ToString()));
            return MembershipCommandResult.Refused(
                MembershipRefusal.NotAMember,
                new FieldError(AddressField, $"{address} is not a member of this cluster (members: {(known.Length == 0 ? "none" : known)})"));
        }

        send(address!);
        return MembershipCommandResult.Sent(ToView(member, state.Unreachable));
    }

    internal static bool TryParse(string? text, out Address? address, out FieldError? error)
    {
        address = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new FieldError(AddressField, $"must not be empty; expected {AddressForm}");
            return false;
        }

        try
        {
            address = Address.Parse(text.Trim());
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            error = new FieldError(AddressField, $"is not an Akka address: expected {AddressForm}, got '{text}'");
            return false;
        }

        // "akka://cluster" parses as this process's local address: it can never name a cluster member.
        if (address.Host is null || address.Port is null)
        {
            error = new FieldError(AddressField, $"must name a host and a port: expected {AddressForm}, got '{text}'");
            address = null;
            return false;
        }

        return true;
    }

    private ClusterMemberView ToView(Member member, IReadOnlySet<Member> unreachable) =>
        new(
            member.Address.ToString(),
            member.UniqueAddress.Uid,
            [.. member.Roles.Order(StringComparer.Ordinal)],
            Enum.Parse<ClusterMemberStatus>(member.Status.ToString()),
            !unreachable.Contains(member),
            SeenUnreachableHere(member) ? [_cluster.SelfAddress.ToString()] : []);

    /// <summary>
    /// Whether this node's own failure detector has given up on the member. Akka gossips who-sees-whom in an internal
    /// table; the public API tells only this node's part, so that is what the view names.
    /// </summary>
    private bool SeenUnreachableHere(Member member) =>
        !member.Address.Equals(_cluster.SelfAddress)
        && _cluster.FailureDetector.IsMonitoring(member.Address)
        && !_cluster.FailureDetector.IsAvailable(member.Address);
}
