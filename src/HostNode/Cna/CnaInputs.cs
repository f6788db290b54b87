using Cluster.Deciders;

namespace Cluster.HostNode.Cna;

/// <summary>Time to heartbeat (or register, until accepted).</summary>
public sealed record Beat
{
    public static readonly Beat Instance = new();
}

/// <summary>The host-wide renew tick that drives every VM agent's lease renewal and the datastore probe.</summary>
public sealed record RenewLeases
{
    public static readonly RenewLeases Instance = new();
}

/// <summary>The runtime's failure detector (DeathWatch) reports the controller unreachable.</summary>
public sealed record ControllerUnreachable(Peer Controller);

/// <summary>The isolation address did not answer in time (a <see cref="Pong"/> is the other answer).</summary>
public sealed record IsolationPingTimedOut
{
    public static readonly IsolationPingTimedOut Instance = new();
}
