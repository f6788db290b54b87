using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.HostNode.Storage;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// A storage migration on this host: the running guest's disks are mirrored to another datastore and then pivoted there.
/// The guest writes the target datastore from the mirror's start, so the agent takes that datastore's lease first and
/// renews it beside the source's; it gives the source's lease up only once the guest writes the target alone (after the
/// pivot), and the target's back if the mirror ends any other way. So the guest never writes a datastore whose lease it
/// does not hold, and no other instance can take either lease meanwhile. A target lease whose renewals fail long enough
/// stops the mirror (the guest keeps its disks) rather than fencing a guest whose own lease is fine.
/// </summary>
public sealed partial class VmAgentDecider
{
    private DiskMirror? _mirror;

    // The last pivot done, so that a pivot asked again (its answer was lost) is answered again.
    private DiskMirrorPivoted? _pivoted;

    private bool DecideDiskMirror(object input, DateTimeOffset now, Step step)
    {
        switch (input)
        {
            case DiskMirrorRequested request:
                StartMirror(request, now, step);
                return true;
            case StorageLeaseAcquired { Request.Context: MirrorLeaseAcquire acquire } acquired:
                OnMirrorLease(acquire, acquired, now, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: MirrorStart start } performed:
                OnMirrorStarted(start, performed.Refusal, step);
                return true;
            case PollDiskMirror:
                PollMirror(now, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: MirrorPoll } performed:
                OnMirrorPolled(performed, step);
                return true;
            case DiskMirrorPivotRequested request:
                PivotMirror(request, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: MirrorPivot pivot } performed:
                OnPivoted(pivot, performed.Refusal, step);
                return true;
            case DiskMirrorCancelRequested request:
                CancelMirror(request, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: MirrorCancel cancel } performed:
                OnMirrorCancelled(cancel, performed.Refusal, step);
                return true;
            default:
                return false;
        }
    }

    private void StartMirror(DiskMirrorRequested request, DateTimeOffset now, Step step)
    {
        var command = request.Command;
        if (_mirror is { } running)
        {
            var again = running.Command.MigrationId == command.MigrationId;
            Answer(request.ReplyTo, command.CommandId, again ? null : $"the disks of VM {vm} are already being mirrored ({running.Command.MigrationId})", null, step);
            return;
        }

        if (_held is not { } held || held.Incarnation != command.Incarnation)
        {
            Answer(request.ReplyTo, command.CommandId, $"VM {vm} does not run here as incarnation {command.Incarnation}", null, step);
            return;
        }

        if (held.Datastore == command.Datastore)
        {
            Answer(request.ReplyTo, command.CommandId, $"VM {vm} already holds its storage lease on {command.Datastore}", null, step);
            return;
        }

        _commandsInFlight++;
        _mirror = new DiskMirror(command, request.ReplyTo);
        step.Run(new AcquireStorageLease(command.Datastore, vm, command.Incarnation, now, new MirrorLeaseAcquire(command, request.ReplyTo, now)));
    }

    private void OnMirrorLease(MirrorLeaseAcquire acquire, StorageLeaseAcquired acquired, DateTimeOffset now, Step step)
    {
        if (acquired.Result is not { Acquired: true } || _mirror?.Command.MigrationId != acquire.Command.MigrationId || _held is null)
        {
            if (acquired.Result is { Acquired: true })
            {
                step.Run(new ReleaseStorageLease(acquire.Command.Datastore, vm, acquire.Command.Incarnation));
            }

            _mirror = null;
            var refusal = acquired.Result is { Acquired: true } ? $"VM {vm} stopped running here before its disks could be mirrored" : LeaseRefusal(acquired);
            Finish(acquire.ReplyTo, acquire.Command.CommandId, refusal, null, step);
            return;
        }

        var command = acquire.Command;
        _mirror = _mirror with { TargetLease = new HeldLease(command.Datastore, command.Incarnation, LeaseFencingPolicy.Start(fencing, acquire.AcquireStartedAt)) };
        double? speed = command.MaxSpeedMiBPerSecond > 0 ? command.MaxSpeedMiBPerSecond : null;
        step.Run(new PerformHypervisorOperation(new MirrorGuestDisks(vm, command.Incarnation, command.Datastore, speed, now), new MirrorStart(command, acquire.ReplyTo)));
    }

    private void OnMirrorStarted(MirrorStart start, string? refusal, Step step)
    {
        if (refusal is null)
        {
            step.StartPeriodicTimer(PollDiskMirror.TimerKey(vm), new PollDiskMirror(vm), PollDiskMirror.Interval);
        }
        else
        {
            EndMirror(step);
        }

        Finish(start.ReplyTo, start.Command.CommandId, refusal, null, step);
    }

    private void PollMirror(DateTimeOffset now, Step step) =>
        PollWhile(_mirror is not null, PollDiskMirror.TimerKey(vm), new QueryGuestDiskMirror(vm, now), MirrorPoll.Instance, step);

    private void OnMirrorPolled(HypervisorOperationPerformed performed, Step step)
    {
        if (_mirror is not { } mirror)
        {
            return;
        }

        var status = performed.Result as StorageMirrorStatus;
        var state = status?.Status switch
        {
            MirrorJobStatus.Running => DiskMirrorState.Running,
            MirrorJobStatus.Ready => DiskMirrorState.Ready,
            _ => DiskMirrorState.Failed,
        };
        if (state == DiskMirrorState.Failed)
        {
            EndMirror(step);
        }

        step.Send(mirror.ReplyTo, MirrorReport(mirror.Command.MigrationId, state, status, status?.Error ?? performed.Refusal ?? (state == DiskMirrorState.Failed ? $"the mirror ended {status?.Status}" : null)));
    }

    private void PivotMirror(DiskMirrorPivotRequested request, Step step)
    {
        var command = request.Command;
        if (_pivoted is { } done && done.MigrationId == command.MigrationId)
        {
            Answer(request.ReplyTo, command.CommandId, null, done, step);
            return;
        }

        if (_mirror is not { TargetLease: not null } mirror || mirror.Command.MigrationId != command.MigrationId)
        {
            Answer(request.ReplyTo, command.CommandId, $"no disk mirror of VM {vm} for {command.MigrationId} here", null, step);
            return;
        }

        _commandsInFlight++;
        step.Run(new PerformHypervisorOperation(new PivotGuestDiskMirror(vm), new MirrorPivot(command, request.ReplyTo)));
    }

    /// <summary>The guest writes only the target now: its lease becomes the VM's, and the source datastore's is given up.</summary>
    private void OnPivoted(MirrorPivot pivot, string? refusal, Step step)
    {
        if (refusal is not null || _mirror is not { TargetLease: { } target } || _held is not { } source)
        {
            Finish(pivot.ReplyTo, pivot.Command.CommandId, refusal ?? $"VM {vm} stopped running here during the pivot", null, step);
            return;
        }

        _held = target;
        _mirror = null;
        step.CancelTimer(PollDiskMirror.TimerKey(vm));
        step.Run(new ReleaseStorageLease(source.Datastore, vm, source.Incarnation));
        _pivoted = new DiskMirrorPivoted(pivot.Command.MigrationId, target.Datastore);
        Finish(pivot.ReplyTo, pivot.Command.CommandId, null, _pivoted, step);
    }

    private void CancelMirror(DiskMirrorCancelRequested request, Step step)
    {
        var command = request.Command;
        if (_mirror is not { } mirror || mirror.Command.MigrationId != command.MigrationId)
        {
            Answer(request.ReplyTo, command.CommandId, null, null, step);
            return;
        }

        if (mirror.TargetLease is null)
        {
            // The target's lease is still being taken: once it is, it is given back and the mirror never starts.
            _mirror = null;
            Answer(request.ReplyTo, command.CommandId, null, null, step);
            return;
        }

        _commandsInFlight++;
        step.Run(new PerformHypervisorOperation(new CancelGuestDiskMirror(vm), new MirrorCancel(command, request.ReplyTo)));
    }

    private void OnMirrorCancelled(MirrorCancel cancel, string? refusal, Step step)
    {
        if (refusal is null && _mirror is { } mirror)
        {
            EndMirror(step);
            if (cancel.Why is { } why)
            {
                step.Send(cancel.ReplyTo, MirrorReport(mirror.Command.MigrationId, DiskMirrorState.Failed, null, why));
            }
        }

        if (cancel.Command is { } command)
        {
            Finish(cancel.ReplyTo, command.CommandId, refusal, null, step);
        }
    }

    private void RenewMirrorLease(DateTimeOffset now, Step step)
    {
        if (_mirror?.TargetLease is { } target)
        {
            step.Run(new RenewStorageLease(target.Datastore, vm, target.Incarnation, now));
        }
    }

    private bool IsMirrorLease(StorageLeaseRenewed renewed) =>
        _mirror?.TargetLease is { } target && target.Datastore == renewed.Request.Datastore && target.Incarnation == renewed.Request.Incarnation;

    private void RecordMirrorRenewal(StorageLeaseRenewed renewed) =>
        _mirror = _mirror! with { TargetLease = _mirror.TargetLease! with { Policy = _mirror.TargetLease.Policy.Record(renewed.Outcome, renewed.Request.StartedAt) } };

    /// <summary>The target's lease could lapse: stop the mirror before it could, and tell the controller the mirror failed.</summary>
    private void AbandonMirrorIfOverdue(DateTimeOffset now, Step step)
    {
        if (_mirror is { TargetLease: { } target } mirror && target.Policy.MustFence(now))
        {
            var why = $"the storage lease on {target.Datastore} was not renewed since {target.Policy.LastSuccessAt:O}; the mirror is stopped";
            _mirror = mirror with { TargetLease = null };
            step.Run(new PerformHypervisorOperation(new CancelGuestDiskMirror(vm), new MirrorCancel(null, mirror.ReplyTo, why)));
        }
    }

    /// <summary>The mirror is over without a pivot: the target datastore's lease is given back.</summary>
    private void EndMirror(Step step)
    {
        if (_mirror?.TargetLease is { } target)
        {
            step.Run(new ReleaseStorageLease(target.Datastore, vm, target.Incarnation));
        }

        _mirror = null;
        step.CancelTimer(PollDiskMirror.TimerKey(vm));
    }

    private static DiskMirrorProgressReported MirrorReport(MigrationId migration, DiskMirrorState state, StorageMirrorStatus? status, string? error) => new(
        migration,
        state,
        status is null ? 0 : (long)Math.Ceiling(status.RemainingBytes / MigrationUnits.BytesPerMib),
        status is null ? 0 : (long)Math.Ceiling(status.DiskBytes / MigrationUnits.BytesPerMib),
        error);
}
