using Cluster.Controller.Vrm.Ha;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

internal static partial class VrmLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "HA {Vm}: phase {From} => {To} ({Why})")]
    public static partial void LogHaPhase(this ILogger logger, VmId vm, HaPhase from, HaPhase to, string why);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HA {Vm}: episode ended in {Phase} ({Why})")]
    public static partial void LogHaEpisodeEnded(this ILogger logger, VmId vm, HaPhase phase, string why);
}
