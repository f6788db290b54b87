namespace Cluster.Actors.Remote.Tcp;

public enum ConnectionDirection
{
    /// <summary>A connection this node opened to send to the peer.</summary>
    Outbound,

    /// <summary>A connection the peer opened to send to this node.</summary>
    Inbound,
}

/// <summary>
/// A connection with a proven peer ended. A hint for remote DeathWatch, not a verdict: the peer may be
/// alive and reconnect; heartbeats decide unreachability.
/// </summary>
public readonly record struct PeerConnectionLost(NodeAddress Peer, ConnectionDirection Direction, string Reason);
