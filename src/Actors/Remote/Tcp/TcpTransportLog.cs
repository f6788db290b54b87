using Microsoft.Extensions.Logging;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>Every line names the peer (address when proven, else endpoint) and, for failures, the reason.</summary>
internal static partial class TcpTransportLog
{
    [LoggerMessage(1, LogLevel.Information, "listening as {Local}")]
    public static partial void Listening(this ILogger logger, NodeAddress local);

    [LoggerMessage(2, LogLevel.Information, "accepted connection from {Peer} at {Endpoint}")]
    public static partial void InboundAccepted(this ILogger logger, NodeAddress peer, string endpoint);

    [LoggerMessage(3, LogLevel.Warning, "refused connection from {Endpoint}: {Reason}")]
    public static partial void InboundRefused(this ILogger logger, string endpoint, string reason);

    [LoggerMessage(4, LogLevel.Warning, "closed connection from {Peer} at {Endpoint}: {Reason}")]
    public static partial void InboundClosed(this ILogger logger, NodeAddress peer, string endpoint, string reason);

    [LoggerMessage(5, LogLevel.Information, "connection from {Peer} at {Endpoint} ended: {Reason}")]
    public static partial void InboundEnded(this ILogger logger, NodeAddress peer, string endpoint, string reason);

    [LoggerMessage(6, LogLevel.Information, "connected to {Peer} at {Endpoint}")]
    public static partial void OutboundConnected(this ILogger logger, NodeAddress peer, string endpoint);

    [LoggerMessage(7, LogLevel.Warning, "cannot connect to {Peer}: {Reason}; dropped {Dropped} queued messages")]
    public static partial void OutboundFailed(this ILogger logger, NodeAddress peer, string reason, int dropped);

    [LoggerMessage(8, LogLevel.Warning, "lost connection to {Peer}: {Reason}")]
    public static partial void OutboundLost(this ILogger logger, NodeAddress peer, string reason);

    [LoggerMessage(9, LogLevel.Warning, "queue to {Peer} is full ({Capacity} messages); dropping new messages until it drains")]
    public static partial void QueueFull(this ILogger logger, NodeAddress peer, int capacity);

    [LoggerMessage(10, LogLevel.Error, "dropped a {MessageType} to {Peer}: {Reason}")]
    public static partial void EncodeFailed(this ILogger logger, string messageType, NodeAddress peer, string reason);

    [LoggerMessage(11, LogLevel.Error, "delivering a {MessageType} from {Peer} failed")]
    public static partial void DeliverFailed(this ILogger logger, Exception exception, string messageType, NodeAddress peer);

    [LoggerMessage(12, LogLevel.Error, "accepting a connection failed")]
    public static partial void AcceptFailed(this ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Error, "a ConnectionLost handler failed")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception);
}
