using Cluster.Messages;

namespace Cluster.HostNode.Cna;

internal static partial class CnaLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "host {Host} fences VM {Vm}: its storage lease was last renewed at {LastRenewed:O}")]
    public static partial void LogFencing(this ILogger logger, HostId host, VmId vm, DateTimeOffset lastRenewed);

    [LoggerMessage(Level = LogLevel.Information, Message = "host {Host} gives back the storage lease of VM {Vm} (incarnation {Incarnation}): its guest no longer runs")]
    public static partial void LogLeaseOfDeadGuestReleased(this ILogger logger, HostId host, VmId vm, long incarnation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "host {Host} quits the paused source of VM {Vm} (incarnation {Incarnation}): incarnation {Newer} took its storage lease, so it can never run again")]
    public static partial void LogSupersededSourceQuit(this ILogger logger, HostId host, VmId vm, long incarnation, long newer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "host {Host} is isolated from the management network; isolation response: {Response}")]
    public static partial void LogIsolated(this ILogger logger, HostId host, IsolationResponse response);
}
