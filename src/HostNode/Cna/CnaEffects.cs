using Cluster.Deciders;

namespace Cluster.HostNode.Cna;

/// <summary>An effect: ask the runtime's failure detector to report <paramref name="Controller"/> with <see cref="ControllerUnreachable"/>.</summary>
public sealed record WatchController(Peer Controller);

/// <summary>An effect: ping the isolation address; the answer is <see cref="Pong"/> or <see cref="IsolationPingTimedOut"/>.</summary>
public sealed record PingIsolationAddress(Peer Address, TimeSpan Timeout);

/// <summary>Hypervisor context: a controller's command, answered with its id once done.</summary>
public sealed record CommandReply(Peer ReplyTo, long CommandId);

/// <summary>Hypervisor context: a VM stopped because the host is isolated.</summary>
public sealed record IsolationStop
{
    public static readonly IsolationStop Instance = new();
}
