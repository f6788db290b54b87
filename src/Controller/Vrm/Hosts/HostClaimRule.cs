using Cluster.Messages;

namespace Cluster.Controller.Vrm.Hosts;

/// <summary>How the host node that holds a host id in the inventory stands, as this VRM sees it.</summary>
public enum HolderStatus
{
    /// <summary>Reported to this VRM and heard within the detection window, and (where the runtime says) still a cluster member.</summary>
    Live,

    /// <summary>Not heard since this VRM took over, but the journal has the host up and its window from the takeover runs.</summary>
    NotYetHeard,

    /// <summary>Left or downed from the cluster, silent past the detection window, or down in the journal and not heard since.</summary>
    Gone,
}

/// <summary>What to do with a host node that claims a host id.</summary>
public enum HostClaimVerdict
{
    /// <summary>A new host, or the node at the address the inventory has: registered as usual.</summary>
    Accept,

    /// <summary>The id's holder is gone: the claimant takes the id over and the inventory's address becomes its own.</summary>
    Move,

    /// <summary>The holder may yet report: refused for now, the claimant retries at its next beat.</summary>
    Wait,

    /// <summary>The holder is live: refused for good, the claimant exits; the operator is alarmed.</summary>
    Refuse,
}

/// <summary>The verdict and, unless accepted, why (for the claimant, the log and the alarm).</summary>
public sealed record HostClaim(HostClaimVerdict Verdict, string? Reason = null);

/// <summary>
/// One host id, one live host node. A node that claims a host id (registering, or heartbeating from an agent this VRM did
/// not acknowledge) is weighed against the node the inventory has for that id: a second live node is refused, since two
/// agents answering for one host make its VMs flap (each reports the other's VMs missing); a host that comes back at a new
/// address once its old node is gone is accepted and its address moves. Pure: the VRM passes what it knows.
/// </summary>
public static class HostClaimRule
{
    /// <param name="journalState">The host's state in the inventory.</param>
    /// <param name="reportedThisTenure">The holder registered or heartbeated to this VRM.</param>
    /// <param name="withinWindow">The holder's failure detector still counts it available (heard, or this VRM's start, within the window).</param>
    /// <param name="nodeIsMember">Whether the holder's node is a member of the cluster: null where the runtime does not say.</param>
    public static HolderStatus StatusOf(HostState journalState, bool reportedThisTenure, bool withinWindow, bool? nodeIsMember)
    {
        if (nodeIsMember == false || !withinWindow)
        {
            return HolderStatus.Gone;
        }

        if (reportedThisTenure)
        {
            return HolderStatus.Live;
        }

        // Not heard since the takeover: a host the journal has running may report any moment; one it has down is gone.
        return journalState is HostState.Normal or HostState.EnteringMaintenance or HostState.Connecting
            ? HolderStatus.NotYetHeard
            : HolderStatus.Gone;
    }

    /// <param name="host">The claimed id.</param>
    /// <param name="knownAddress">The inventory's address for it, null for a host not in the inventory.</param>
    /// <param name="claimAddress">The claimant's address.</param>
    /// <param name="holder">How the node at <paramref name="knownAddress"/> stands.</param>
    public static HostClaim Decide(HostId host, string? knownAddress, string claimAddress, HolderStatus holder)
    {
        if (knownAddress is null || knownAddress == claimAddress)
        {
            return new HostClaim(HostClaimVerdict.Accept);
        }

        return holder switch
        {
            HolderStatus.Gone => new HostClaim(HostClaimVerdict.Move, $"host {host} moves from {knownAddress} (gone) to {claimAddress}"),
            HolderStatus.NotYetHeard => new HostClaim(
                HostClaimVerdict.Wait,
                $"host id {host} belongs to the node at {knownAddress}, which this controller has not heard from yet; the node at {claimAddress} is accepted once that one is gone (left the cluster, or silent for the detection window)"),
            _ => new HostClaim(
                HostClaimVerdict.Refuse,
                $"host id {host} is held by a live host node at {knownAddress}; the node at {claimAddress} is refused: give it another --host-id, or stop the node at {knownAddress} first"),
        };
    }
}
