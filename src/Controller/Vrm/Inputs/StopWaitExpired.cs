using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>The timer input on which forced stops still waiting for their host's confirmation are answered.</summary>
public sealed record StopWaitExpired(VmId VmId)
{
    public static string TimerKey(VmId vm) => $"stop-wait/{vm}";
}
