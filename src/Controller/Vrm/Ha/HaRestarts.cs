using Cluster.Controller.Alarms;
using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.HaRestart;
using Cluster.Controller.Vrm.Vms;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Vrm.Ha;

/// <summary>
/// HA: VMs of faulty hosts, and crashed guests, are restarted elsewhere (or in place), but never while their
/// storage write-lease is still being renewed, because then they run somewhere (an isolated host) and a second
/// instance would corrupt their disks. Every decision is an event; each VM's progress is its <see cref="HaEpisode"/>.
/// </summary>
public sealed class HaRestarts(VrmState state, VrmSettings settings, VrmAlarms alarms, VmStarts starts, ILogger log)
{
    private bool _leaseCheckInFlight;
    private bool _waitingForHosts;
    private bool _evaluateAgain;

    private Inventory Inventory => state.Inventory;

    private HaEpisodes Episodes => state.Ha;

    /// <summary>Finds VMs that need HA now and asks for their storage leases to be read (answered by <see cref="StorageLeasesRead"/>).</summary>
    public void Evaluate(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_leaseCheckInFlight)
        {
            // Something changed while a check is out (a second host turned faulty): look again once it is back,
            // rather than at the next periodic recheck.
            _evaluateAgain = true;
            return;
        }

        if (state.Heard.AnyPending(Inventory))
        {
            // After a takeover, a host the journal has up is a target once it reports and a failed one once it turns Faulty;
            // until one or the other, HA would plan on hearsay. It looks again when a host is heard or declared Faulty.
            if (!_waitingForHosts)
            {
                _waitingForHosts = true;
                log.LogInformation("HA waits for hosts to report or turn Faulty: {Hosts}", string.Join(", ", state.Heard.Pending(Inventory)));
            }

            return;
        }

        _waitingForHosts = false;
        var candidates = new List<HaCandidate>();
        foreach (var vm in Inventory.Vms)
        {
            // A migrating VM is its saga's; the saga hands it back (to HA too) when it ends.
            if (Episodes.IsWaiting(vm.VmId) || vm.Host is not { } host || state.Migrations.IsMigrating(vm.VmId))
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
                    if (Episodes.Begin(vm.VmId).FirstNotice("ha-disabled"))
                    {
                        decision.Record(new HaRestartSkipped(vm.VmId, host, HaSkipReason.HaDisabled));
                    }

                    continue;
                }

                candidates.Add(new HaCandidate(vm.VmId, vm.Incarnation, host, vm.Spec.PrimaryDatastore, HaCandidateKind.FailedHost));
            }
            else if (vm.PowerState == VmPowerState.Crashed && vm.Spec.HaEnabled)
            {
                var episode = Episodes.Begin(vm.VmId);
                episode.GuestDownSince ??= decision.Now;

                // A VM HA already tried to restart (its host failed, or a start failed) is known down: the guest-failure
                // timeout, which keeps HA from acting on a guest's passing hiccup, has nothing left to wait for.
                if (episode.Attempt > 0 || decision.Now - episode.GuestDownSince >= settings.GuestFailureTimeout)
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
        decision.Step.Run(new ReadStorageLeases(candidates));
    }

    public void OnLeasesRead(Decision decision, StorageLeasesRead result)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(result);
        _leaseCheckInFlight = false;
        var restart = new List<HaCandidate>();
        foreach (var (candidate, lease, error) in result.Checks)
        {
            var vm = Inventory.Vm(candidate.VmId);
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
                    ResolveStopOnFailedHost(decision, vm, candidate.Host, lease, error);
                }

                continue;
            }

            if (error is not null)
            {
                // Unknown is not free: without reading the lease, restarting could run the VM twice.
                alarms.Raise(decision, new AlarmCondition(AlarmKinds.HaLeaseUnreadable, AlarmSeverity.Critical, AlarmObject.Vm(vm.VmId), $"cannot read the storage lease of {vm.VmId} on {candidate.Datastore}: {error.TrimEnd('.')}; not restarting it"));
                continue;
            }

            if (lease is not null && lease.IsFreshAt(decision.Now) && lease.IsHeldBy(candidate.Host.Value, candidate.Incarnation))
            {
                // Once per isolation, also across takeovers: the active vm-isolated alarm says it is known.
                var isolated = new AlarmCondition(AlarmKinds.VmIsolated, AlarmSeverity.Warning, AlarmObject.Vm(vm.VmId), $"VM {vm.VmId} still runs on unreachable host {candidate.Host} (its storage lease is renewed); not restarted", AlarmObject.Host(candidate.Host));
                if (!Inventory.Alarms.IsActiveOrPending(isolated.Kind, isolated.Object))
                {
                    decision.Record(new VmRunningOnIsolatedHost(vm.VmId, candidate.Host));
                    decision.Record(new HaRestartSkipped(vm.VmId, candidate.Host, HaSkipReason.LeaseStillHeld));
                    alarms.Raise(decision, isolated);
                }

                continue;
            }

            restart.Add(candidate);
        }

        Restart(decision, restart);
        if (_evaluateAgain)
        {
            _evaluateAgain = false;
            Evaluate(decision);
        }
    }

    /// <summary>
    /// A host reported to this VRM for the first time: a new target. Restarts waiting for their back-off delay are due
    /// at the next look (hosts coming back together, as after a cold start, are all targets by then, so the restarts
    /// spread over them); if HA was waiting for the hosts to report, it looks now.
    /// </summary>
    public void OnHostHeard(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Episodes.RetryWaitingNow("a host reported");
        if (_waitingForHosts)
        {
            Evaluate(decision);
        }
    }

    public void OnRetryDue(Decision decision, RetryRestart retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        if (Episodes.Of(retry.VmId) is { Phase: HaPhase.WaitingToRetry } episode)
        {
            Episodes.Move(episode, HaPhase.RestartFailed, "retry due");
        }

        Evaluate(decision);
    }

    /// <summary>A host refused to start a VM (its lease still held, no storage, no room): HA tries another host.</summary>
    public void OnStartRefused(Decision decision, InventoryVm vm, HostId host, string reason)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(vm);
        var episode = Episodes.Begin(vm.VmId);
        episode.Exclude(host);
        episode.GuestDownSince = decision.Now - settings.GuestFailureTimeout;
        decision.RecordAll(
            [
                new VmPowerStateChanged(vm.VmId, vm.PowerState, VmPowerState.Crashed, vm.Incarnation),
                new HaRestartFailed(vm.VmId, Episodes.AttemptsOf(vm.VmId, none: 1), reason),
            ],
            () => { });
    }

    private bool IsOnFailedHost(InventoryVm vm, HostId host) =>
        vm.PowerState is VmPowerState.Running or VmPowerState.Starting or VmPowerState.Stopping or VmPowerState.Unknown
        && Inventory.Host(host)?.State == HostState.Faulty;

    private void Restart(Decision decision, IReadOnlyList<HaCandidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        var unavailable = Inventory.Hosts.Where(h => h.State != HostState.Normal).Select(h => h.HostId).ToHashSet();
        foreach (var candidate in candidates)
        {
            if (Episodes.Of(candidate.VmId) is { } episode)
            {
                unavailable.UnionWith(episode.ExcludedHosts);
            }
        }

        var requests = candidates.Select(c => new RestartRequest(c.VmId, Episodes.AttemptsOf(c.VmId) + 1)).ToList();
        // Dedicated failover hosts are kept empty for this moment: fill them first.
        var plan = HaRestartPlanner.Plan(state.PlacementSnapshot(settings.DatastoreOvercommit), unavailable, requests, (settings.Admission as DedicatedFailoverHostsPolicy)?.FailoverHosts);
        var failedHostOf = candidates.ToDictionary(c => c.VmId, c => c.Host);
        foreach (var planned in plan.Restarts)
        {
            var vm = Inventory.Vm(planned.VmId)!;
            var episode = Episodes.Begin(vm.VmId);
            episode.Attempt = planned.Attempt;
            episode.GuestDownSince = null;
            decision.Record(new HaRestartPlanned(vm.VmId, failedHostOf[vm.VmId], planned.TargetHost, planned.Attempt));
            starts.StartOn(decision, vm, planned.TargetHost);
        }

        foreach (var unplaced in plan.Unplaced)
        {
            Retry(decision, unplaced.VmId, unplaced.Attempt, unplaced.Reason);
        }
    }

    private void Retry(Decision decision, VmId vm, int attempt, string reason)
    {
        var episode = Episodes.Begin(vm);
        episode.Attempt = attempt;
        Episodes.Move(episode, HaPhase.WaitingToRetry, reason);
        var next = settings.RestartBackoff.AfterFailure(attempt);
        if (next.GiveUp)
        {
            decision.RecordAll([new HaRestartFailed(vm, attempt, reason), new HaRestartAbandoned(vm, attempt, reason)], () => { });
            alarms.Raise(decision, new AlarmCondition(AlarmKinds.HaRestartAbandoned, AlarmSeverity.Critical, AlarmObject.Vm(vm), $"VM {vm} could not be restarted after {attempt} attempts: {reason}"));
            return;
        }

        decision.RecordAll(
            [new HaRestartFailed(vm, attempt, reason), new RestartRetryScheduled(vm, next.NextAttempt, next.Delay)],
            () => decision.Step.StartSingleTimer(RetryRestart.TimerKey(vm), new RetryRestart(vm), next.Delay));
    }

    /// <summary>
    /// A stop of a VM on a Faulty host: the lease says whether it may be declared Stopped. Released or lapsed, nothing
    /// can be writing (the host fences itself); still renewed, it may be running, so it stays Stopping with an alarm.
    /// </summary>
    private void ResolveStopOnFailedHost(Decision decision, InventoryVm vm, HostId host, StorageLease? lease, string? error)
    {
        var subject = AlarmObject.Vm(vm.VmId);
        if (error is not null)
        {
            alarms.Raise(decision, new AlarmCondition(AlarmKinds.VmStopUnconfirmed, AlarmSeverity.Warning, subject, $"VM {vm.VmId} stays Stopping: its host {host} is unreachable and its storage lease on {vm.Spec.PrimaryDatastore} cannot be read ({error.TrimEnd('.')})", AlarmObject.Host(host)));
            return;
        }

        if (lease is not null && lease.IsFreshAt(decision.Now) && lease.IsHeldBy(host.Value, vm.Incarnation))
        {
            alarms.Raise(decision, new AlarmCondition(AlarmKinds.VmStopUnconfirmed, AlarmSeverity.Warning, subject, $"VM {vm.VmId} stays Stopping: its host {host} is unreachable and still renews its storage lease, so it may be running; it is Stopped once the lease lapses or the host confirms", AlarmObject.Host(host)));
            return;
        }

        decision.Record(new VmPowerStateChanged(vm.VmId, VmPowerState.Stopping, VmPowerState.Stopped, vm.Incarnation));
    }
}
