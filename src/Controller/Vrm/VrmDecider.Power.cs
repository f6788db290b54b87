using Cluster.Controller.Alarms;
using Cluster.Deciders;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Vrm;

/// <summary>
/// Stopping: a graceful stop answers at once (Stopping; the host's next report finishes it); a forced stop
/// answers with the final state once the host confirms, or after <see cref="VrmSettings.StopConfirmTimeout"/>
/// with the state then. A VM Stopping on a Faulty host is resolved by its storage lease: released or lapsed,
/// nothing can be writing and it is Stopped; still renewed, it may be running, so it stays Stopping with a
/// vm-stop-unconfirmed alarm until the lease lapses or the host returns.
/// </summary>
public sealed partial class VrmDecider
{
    private readonly Dictionary<VmId, List<Peer>> _stopWaiters = [];

    private void StopOn(InventoryVm vm, HostId host, bool graceful, Peer replyTo)
    {
        SendToHost(host, new StopVm(Epoch, NextCommandId(), vm.VmId, graceful));
        if (graceful)
        {
            _step.Send(replyTo, ViewOf(_inventory.Vm(vm.VmId)!));
        }
        else
        {
            if (!_stopWaiters.TryGetValue(vm.VmId, out var waiters))
            {
                _stopWaiters[vm.VmId] = waiters = [];
            }

            waiters.Add(replyTo);
            _step.StartSingleTimer(StopWaitExpired.TimerKey(vm.VmId), new StopWaitExpired(vm.VmId), _settings.StopConfirmTimeout);
        }

        if (_inventory.Host(host)?.State == HostState.Faulty)
        {
            // Nobody will confirm: the storage lease decides, now rather than at the next recheck.
            EvaluateHa();
        }
    }

    /// <summary>Answers forced stops waiting on this VM (its Stopping ended, or the wait did).</summary>
    private void AnswerStopWaiters(VmId vmId)
    {
        if (!_stopWaiters.Remove(vmId, out var waiters))
        {
            return;
        }

        _step.CancelTimer(StopWaitExpired.TimerKey(vmId));
        object answer = _inventory.Vm(vmId) is { } vm ? ViewOf(vm) : AdminFailure.NotFound("vmId", $"VM {vmId}");
        foreach (var waiter in waiters)
        {
            _step.Send(waiter, answer);
        }
    }

    /// <summary>A stop of a VM on a Faulty host: the lease (read by the HA check) says whether it may be declared Stopped.</summary>
    private void ResolveStopOnFailedHost(InventoryVm vm, HostId host, StorageLease? lease, string? error, DateTimeOffset now)
    {
        var subject = AlarmObject.Vm(vm.VmId);
        if (error is not null)
        {
            RaiseAlarm(new AlarmCondition(AlarmKinds.VmStopUnconfirmed, AlarmSeverity.Warning, subject, $"VM {vm.VmId} stays Stopping: its host {host} is unreachable and its storage lease on {vm.Spec.PrimaryDatastore} cannot be read ({error.TrimEnd('.')})", AlarmObject.Host(host)));
            return;
        }

        if (lease is not null && lease.IsFreshAt(now) && lease.IsHeldBy(host.Value, vm.Incarnation))
        {
            RaiseAlarm(new AlarmCondition(AlarmKinds.VmStopUnconfirmed, AlarmSeverity.Warning, subject, $"VM {vm.VmId} stays Stopping: its host {host} is unreachable and still renews its storage lease, so it may be running; it is Stopped once the lease lapses or the host confirms", AlarmObject.Host(host)));
            return;
        }

        // Released or lapsed: the instance cannot write to its disks any more (the host fences itself).
        Record(new VmPowerStateChanged(vm.VmId, VmPowerState.Stopping, VmPowerState.Stopped, vm.Incarnation));
    }

    private void OnStopWaitExpired(StopWaitExpired expired) => AnswerStopWaiters(expired.VmId);
}
