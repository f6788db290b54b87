using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>The timer input on which HA tries again to restart a VM that found no host.</summary>
public sealed record RetryRestart(VmId VmId)
{
    public static string TimerKey(VmId vm) => $"ha-retry/{vm}";
}
