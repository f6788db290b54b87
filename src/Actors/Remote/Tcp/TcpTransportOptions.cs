using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Actors.Remote.Tcp;

public sealed class TcpTransportOptions
{
    /// <summary>The actor system's name: the first part of this node's <see cref="NodeAddress"/>.</summary>
    public required string SystemName { get; init; }

    /// <summary>The IP address (or name) to listen on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port; <see cref="TcpTransport.LocalAddress"/> then shows the real one.</summary>
    public int Port { get; init; }

    /// <summary>The host peers dial, when it differs from <see cref="Host"/> (listening on 0.0.0.0, NAT, a pod's DNS name).</summary>
    public string? PublicHost { get; init; }

    /// <summary>Shared by every node of the cluster; proves membership in the handshake, never sent.</summary>
    public required string ClusterSecret { get; init; }

    /// <summary>Largest frame body accepted or sent; a bigger length prefix closes the connection.</summary>
    public int MaxFrameSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Limit for connect plus handshake, in both directions.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After a failed connect, messages to that peer are queued and sent only after this pause.</summary>
    public TimeSpan ReconnectBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Messages queued per peer before Send drops new ones, as a congested network would.</summary>
    public int OutboundQueueCapacity { get; init; } = 100_000;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(SystemName);
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentException.ThrowIfNullOrEmpty(ClusterSecret);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HandshakeTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(ReconnectBackoff.Ticks);
        ArgumentOutOfRangeException.ThrowIfLessThan(OutboundQueueCapacity, 1);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Logger);
    }
}
