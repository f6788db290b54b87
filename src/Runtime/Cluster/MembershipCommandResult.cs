using Cluster.Messages;

namespace Cluster.Runtime.Cluster;

/// <summary>Why a leave or down was not sent: the address could not be read, or it names no current member.</summary>
public enum MembershipRefusal
{
    MalformedAddress,
    NotAMember,
}

/// <summary>
/// What a leave or down did: sent for <see cref="Member"/> (as it was before the command; the change itself spreads
/// by gossip), or refused with the <see cref="Error"/> naming the field and why.
/// </summary>
public sealed record MembershipCommandResult(ClusterMemberView? Member, MembershipRefusal? Refusal, FieldError? Error)
{
    public bool Accepted => Refusal is null;

    public static MembershipCommandResult Sent(ClusterMemberView member) => new(member, null, null);

    public static MembershipCommandResult Refused(MembershipRefusal refusal, FieldError error) => new(null, refusal, error);
}
