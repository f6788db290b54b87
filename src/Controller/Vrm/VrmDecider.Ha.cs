using Cluster.Controller.Alarms;
using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.HaRestart;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// HA: VMs of faulty hosts, and crashed guests, are restarted elsewhere (or in place) — but never while
/// their storage write-lease is still being renewed, because then they run somewhere (an isolated host)
/// and a second instance would corrupt their disks. Every decision is an event.
/// </summary>
public sealed partial class VrmDecider
{
    private readonly Dictionary<VmId, int> _attempts = [];
    private readonly HashSet<VmId> _retryWaiting = [];
    private readonly HashSet<VmId> _abandoned = [];
    private readonly Dictionary<VmId, DateTimeOffset> _crashedSince = [];
    private readonly Dictionary<VmId, HashSet<HostId>> _excluded = [];
    private readonly HashSet<(VmId, string)> _haNoticeGiven = [];
    private readonly Dictionary<long, (VmId Vm, long Incarnation, HostId Host)> _startCommands = [];
    private bool _leaseCheckInFlight;
    private bool _evaluateAgain;

    /// <summary>Finds VMs that need HA now and asks for their storage leases to be read (the answer comes back as a <see cref="LeasesChecked"/> input).</summary>
    private void EvaluateHa()
    {
        if (_leaseCheckInFlight)
        {
            // Something changed while a check is out (a second host turned faulty): look again once it is back,
            // rather than at the next periodic recheck.
            _evaluateAgain = true;
            return;
        }

        var candidates = new List<HaCandidate>();
        var now = _now;
        foreach (var vm in _inventory.Vms)
        {
            if (_retryWaiting.Contains(vm.VmId) || vm.Host is not { } host)
            {
                continue;
            }

            if (IsOnFailedHost(vm, host))
            {
                if (vm.PowerState == VmPowerState.Stopping)
                {
                    // The operator stopped it: never restart it; its lease says when it may be called Stopped.
                    candidates.Add(new HaCandidate(vm.VmId, vm.Incarnation, host, vm.Spec.PrimaryDatastore, HaCandidateKind.StopOnFailedHost));
                    continue;
                }

                if (!vm.Spec.HaEnabled)
                {
                    NoticeOnce(vm.VmId, "ha-disabled", () => Record(new HaRestartSkipped(vm.VmId, host, HaSkipReason.HaDisabled)));
                    continue;
                }

                candidates.Add(new HaCandidate(vm.VmId, vm.Incarnation, host, vm.Spec.PrimaryDatastore, HaCandidateKind.FailedHost));
            }
            else if (vm.PowerState == VmPowerState.Crashed && vm.Spec.HaEnabled)
            {
                var since = _crashedSince.TryGetValue(vm.VmId, out var at) ? at : _crashedSince[vm.VmId] = now;
                if (now - since >= _settings.GuestFailureTimeout)
                {
                    candidates.Add(new HaCandidate(vm.VmId, vm.Incarnation, host, vm.Spec.PrimaryDatastore, HaCandidateKind.CrashedGuest));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        _leaseCheckInFlight = true;
        _step.Run(new ReadStorageLeases(candidates));
    }

    private bool IsOnFailedHost(InventoryVm vm, HostId host) =>
        vm.PowerState is VmPowerState.Running or VmPowerState.Starting or VmPowerState.Stopping or VmPowerState.Unknown
        && _inventory.Host(host)?.State == HostState.Faulty;

    private void OnLeasesChecked(LeasesChecked result)
    {
        _leaseCheckInFlight = false;
        var now = _now;
        var restart = new List<HaCandidate>();
        foreach (var (candidate, lease, error) in result.Checks)
        {
            var vm = _inventory.Vm(candidate.VmId);
            if (vm is null || vm.Incarnation != candidate.Incarnation || vm.Host != candidate.Host)
            {
                continue;
            }

            if (candidate.Kind != HaCandidateKind.CrashedGuest && !IsOnFailedHost(vm, candidate.Host))
            {
                // The host came back while its leases were being read: nothing to restart, nothing to alarm.
                continue;
            }

            if (candidate.Kind == HaCandidateKind.StopOnFailedHost)
            {
                if (vm.PowerState == VmPowerState.Stopping)
                {
                    ResolveStopOnFailedHost(vm, candidate.Host, lease, error, now);
                }

                continue;
            }

            if (error is not null)
            {
                // Unknown is not free: without reading the lease, restarting could run the VM twice.
                RaiseAlarm(new AlarmCondition(AlarmKinds.HaLeaseUnreadable, AlarmSeverity.Critical, AlarmObject.Vm(vm.VmId), $"cannot read the storage lease of {vm.VmId} on {candidate.Datastore}: {error.TrimEnd('.')}; not restarting it"));
                continue;
            }

            if (lease is not null && lease.IsFreshAt(now) && lease.IsHeldBy(candidate.Host.Value, candidate.Incarnation))
            {
                // Once per isolation, also across takeovers: the active vm-isolated alarm says it is known.
                var isolated = new AlarmCondition(AlarmKinds.VmIsolated, AlarmSeverity.Warning, AlarmObject.Vm(vm.VmId), $"VM {vm.VmId} still runs on unreachable host {candidate.Host} (its storage lease is renewed); not restarted", AlarmObject.Host(candidate.Host));
                if (!_inventory.Alarms.IsActiveOrPending(isolated.Kind, isolated.Object))
                {
                    Record(new VmRunningOnIsolatedHost(vm.VmId, candidate.Host));
                    Record(new HaRestartSkipped(vm.VmId, candidate.Host, HaSkipReason.LeaseStillHeld));
                    RaiseAlarm(isolated);
                }

                continue;
            }

            restart.Add(candidate);
        }

        Restart(restart);
        if (_evaluateAgain)
        {
            _evaluateAgain = false;
            EvaluateHa();
        }
    }

    private void Restart(IReadOnlyList<HaCandidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        var unavailable = _inventory.Hosts.Where(h => h.State != HostState.Normal).Select(h => h.HostId).ToHashSet();
        foreach (var candidate in candidates)
        {
            if (_excluded.TryGetValue(candidate.VmId, out var excluded))
            {
                unavailable.UnionWith(excluded);
            }
        }

        var requests = candidates.Select(c => new RestartRequest(c.VmId, _attempts.GetValueOrDefault(c.VmId) + 1)).ToList();
        // Dedicated failover hosts are kept empty for this moment: fill them first.
        var plan = HaRestartPlanner.Plan(_inventory.ToSnapshot(datastoreOvercommit: _settings.DatastoreOvercommit), unavailable, requests, (_settings.Admission as DedicatedFailoverHostsPolicy)?.FailoverHosts);
        var failedHostOf = candidates.ToDictionary(c => c.VmId, c => c.Host);
        foreach (var planned in plan.Restarts)
        {
            var vm = _inventory.Vm(planned.VmId)!;
            _attempts[vm.VmId] = planned.Attempt;
            _crashedSince.Remove(vm.VmId);
            Record(new HaRestartPlanned(vm.VmId, failedHostOf[vm.VmId], planned.TargetHost, planned.Attempt));
            StartOn(vm, planned.TargetHost);
        }

        foreach (var unplaced in plan.Unplaced)
        {
            Retry(unplaced.VmId, unplaced.Attempt, unplaced.Reason);
        }
    }

    private void Retry(VmId vm, int attempt, string reason)
    {
        _attempts[vm] = attempt;
        var decision = _settings.RestartBackoff.AfterFailure(attempt);
        if (decision.GiveUp)
        {
            _retryWaiting.Add(vm);
            RecordAll(
                [
                    new HaRestartFailed(vm, attempt, reason),
                    new HaRestartAbandoned(vm, attempt, reason),
                ],
                () => { });
            RaiseAlarm(new AlarmCondition(AlarmKinds.HaRestartAbandoned, AlarmSeverity.Critical, AlarmObject.Vm(vm), $"VM {vm} could not be restarted after {attempt} attempts: {reason}"));
            return;
        }

        _retryWaiting.Add(vm);
        RecordAll(
            [new HaRestartFailed(vm, attempt, reason), new RestartRetryScheduled(vm, decision.NextAttempt, decision.Delay)],
            () => _step.StartSingleTimer(RetryRestart.TimerKey(vm), new RetryRestart(vm), decision.Delay));
    }

    private void OnRetryRestart(RetryRestart retry)
    {
        _retryWaiting.Remove(retry.VmId);
        EvaluateHa();
    }

    /// <summary>A host refused to start a VM (its lease still held, no storage, no room): HA tries another host.</summary>
    private bool OnStartRejected(long commandId, string reason)
    {
        if (!_startCommands.Remove(commandId, out var start) || _inventory.Vm(start.Vm) is not { } vm || vm.Incarnation != start.Incarnation)
        {
            return false;
        }

        if (!_excluded.TryGetValue(vm.VmId, out var excluded))
        {
            _excluded[vm.VmId] = excluded = [];
        }

        excluded.Add(start.Host);
        _crashedSince[vm.VmId] = _now - _settings.GuestFailureTimeout;
        RecordAll(
            [
                new VmPowerStateChanged(vm.VmId, vm.PowerState, VmPowerState.Crashed, vm.Incarnation),
                new HaRestartFailed(vm.VmId, _attempts.GetValueOrDefault(vm.VmId, 1), reason),
            ],
            () => { });
        return true;
    }

    /// <summary>
    /// Keeps HA's per-VM bookkeeping in step with the journal, both live and on recovery, so that a new VRM
    /// resumes where the old one stopped (attempt counts, abandoned VMs). A VM seen running again ends its
    /// failure episode: the next failure starts from attempt 1 with no host excluded and fresh notices.
    /// </summary>
    private void TrackHa(IWireMessage @event)
    {
        switch (@event)
        {
            case HaRestartPlanned planned:
                _attempts[planned.VmId] = planned.Attempt;
                break;
            case HaRestartFailed failed:
                _attempts[failed.VmId] = Math.Max(failed.Attempt, _attempts.GetValueOrDefault(failed.VmId));
                break;
            case HaRestartAbandoned abandoned:
                _retryWaiting.Add(abandoned.VmId);
                _abandoned.Add(abandoned.VmId);
                break;
            case HostStateChanged { To: HostState.Normal }:
                // Capacity came back: VMs HA had given up on get a fresh budget.
                foreach (var vm in _abandoned)
                {
                    _retryWaiting.Remove(vm);
                    _attempts.Remove(vm);
                    _excluded.Remove(vm);
                }

                _abandoned.Clear();
                break;
            case VmPowerStateChanged { To: VmPowerState.Running } running:
                _attempts.Remove(running.VmId);
                _excluded.Remove(running.VmId);
                _retryWaiting.Remove(running.VmId);
                _abandoned.Remove(running.VmId);
                _haNoticeGiven.RemoveWhere(notice => notice.Item1 == running.VmId);
                break;
        }
    }

    private void NoticeOnce(VmId vm, string kind, Action record)
    {
        if (_haNoticeGiven.Add((vm, kind)))
        {
            record();
        }
    }
}
