using Microsoft.Extensions.Logging;

namespace Cluster.Actors.Remote;

internal static partial class RemoteLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Address} unreachable for {Silence}; watched actors there are reported terminated")]
    public static partial void LogUnreachable(this ILogger logger, NodeAddress address, TimeSpan silence);
}
