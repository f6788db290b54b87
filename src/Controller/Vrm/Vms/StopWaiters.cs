using Cluster.Controller.Vrm.Views;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Vms;

/// <summary>
/// Operators waiting on a forced stop: answered with the final state once the host confirms (the VM leaves
/// Stopping), or after <see cref="VrmSettings.StopConfirmTimeout"/> with the state then.
/// </summary>
public sealed class StopWaiters(VrmState state, VrmSettings settings)
{
    private readonly Dictionary<VmId, List<Peer>> _waiting = [];

    public void Wait(Decision decision, VmId vm, Peer operatorPeer)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!_waiting.TryGetValue(vm, out var waiters))
        {
            _waiting[vm] = waiters = [];
        }

        waiters.Add(operatorPeer);
        decision.Step.StartSingleTimer(StopWaitExpired.TimerKey(vm), new StopWaitExpired(vm), settings.StopConfirmTimeout);
    }

    /// <summary>Answers forced stops waiting on this VM (its Stopping ended, or the wait did).</summary>
    public void Answer(Decision decision, VmId vmId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!_waiting.Remove(vmId, out var waiters))
        {
            return;
        }

        decision.Step.CancelTimer(StopWaitExpired.TimerKey(vmId));
        object answer = state.Inventory.Vm(vmId) is { } vm ? VrmViews.Of(vm) : AdminFailure.NotFound("vmId", $"VM {vmId}");
        foreach (var waiter in waiters)
        {
            decision.Step.Send(waiter, answer);
        }
    }
}
