using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// Which operator command each power state allows, and why not (the refusal follows "VM vm-0001 "). Every state has a way out: Stopped and
/// Crashed start or delete; Starting, Running, Unknown and Crashed stop; Stopping takes a stop again
/// (<c>--force</c>), and on a Faulty host it is resolved by the VM's storage lease (released or expired:
/// Stopped). Pure: the VRM asks, then acts.
/// </summary>
public static class VmLifecycleRules
{
    private const string StoppingHint = "is Stopping: wait for its host to confirm, or power it off with stop --force (on an unreachable host it is Stopped once its storage lease lapses)";

    public static string? StartRefusal(VmPowerState state) => state switch
    {
        VmPowerState.Stopped or VmPowerState.Crashed => null,
        VmPowerState.Stopping => StoppingHint,
        _ => $"is {state}, not stopped",
    };

    public static string? StopRefusal(VmPowerState state) => state switch
    {
        VmPowerState.Running or VmPowerState.Starting or VmPowerState.Unknown or VmPowerState.Crashed or VmPowerState.Stopping => null,
        _ => $"is {state}, not running",
    };

    public static string? DeleteRefusal(VmPowerState state) => state switch
    {
        VmPowerState.Stopped or VmPowerState.Crashed => null,
        VmPowerState.Stopping => StoppingHint,
        _ => $"is {state}; power it off first",
    };
}
