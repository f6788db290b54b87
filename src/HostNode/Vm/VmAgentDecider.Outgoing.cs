using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.HostNode.Storage;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// The source's part of a live migration: send the running instance whose lease it holds, poll the transfer and report
/// it to the controller; once the transfer completed (the guest paused), release the lease and only then report it
/// completed, so the target can take it. A cancel stops the transfer, or, if it had already completed and the target
/// never resumed, takes the lease back and resumes the source; which one the lease lets run is the only one that runs.
/// </summary>
public sealed partial class VmAgentDecider
{
    private OutgoingTransfer? _outgoing;
    private PausedSource? _pausedSource;

    /// <summary>Prepared to receive the VM, sending it, or paused after sending it: the agent stays.</summary>
    private bool InMigration => _incoming is not null || _outgoing is not null || _pausedSource is not null || _mirror is not null;

    private bool DecideOutgoing(object input, DateTimeOffset now, Step step)
    {
        switch (input)
        {
            case OutgoingMigrationRequested request:
                StartOutgoing(request, now, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: OutgoingStart start } performed:
                OnOutgoingStarted(start, performed.Refusal, step);
                return true;
            case PollMigration:
                Poll(now, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: MigrationPoll } performed:
                OnPolled(performed, step);
                return true;
            case StorageLeaseReleased { Request.Context: Switchover switchover } released:
                Report(switchover.Command, switchover.ReplyTo, MigrationTransferStatus.Completed, switchover.Status, released.Error is { } error ? $"the storage lease was not released ({error}); unrenewed, it lapses" : null, step);
                return true;
            case OutgoingMigrationCancelRequested request:
                CancelOutgoing(request, now, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: OutgoingCancel cancel } performed:
                Finish(cancel.ReplyTo, cancel.Command.CommandId, performed.Refusal, null, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: LateCancelResume resume } performed:
                ReportRolledBack(resume.Migration, resume.ReplyTo, performed.Refusal, step);
                return true;
            case SourceQuit quit:
                if (_pausedSource?.Command.Incarnation == quit.Incarnation)
                {
                    _pausedSource = null;
                }

                return true;
            default:
                return false;
        }
    }

    private void StartOutgoing(OutgoingMigrationRequested request, DateTimeOffset now, Step step)
    {
        var command = request.Command;
        if (_outgoing is { } running)
        {
            // The same transfer asked again (its answer was lost) is accepted again; another one waits its turn.
            var again = running.Command.MigrationId == command.MigrationId;
            Answer(request.ReplyTo, command.CommandId, again ? null : $"VM {vm} is already being sent away ({running.Command.MigrationId})", null, step);
            return;
        }

        if (_held?.Incarnation != command.Incarnation)
        {
            Answer(request.ReplyTo, command.CommandId, $"VM {vm} does not run here as incarnation {command.Incarnation}", null, step);
            return;
        }

        _commandsInFlight++;
        var migrate = new MigrateGuest(vm, command.Incarnation, command.TargetUri, command.Parameters, now);
        step.Run(new PerformHypervisorOperation(migrate, new OutgoingStart(command, request.ReplyTo)));
    }

    private void OnOutgoingStarted(OutgoingStart start, string? refusal, Step step)
    {
        if (refusal is null)
        {
            _outgoing = new OutgoingTransfer(start.Command, start.ReplyTo);
            step.StartPeriodicTimer(PollMigration.TimerKey(vm), new PollMigration(vm), PollMigration.Interval);
        }

        Finish(start.ReplyTo, start.Command.CommandId, refusal, null, step);
    }

    private void Poll(DateTimeOffset now, Step step) =>
        PollWhile(_outgoing is not null, PollMigration.TimerKey(vm), new QueryGuestMigration(vm, now), MigrationPoll.Instance, step);

    /// <summary>A polling timer's tick: ask the hypervisor while the job is on, else stop the timer.</summary>
    private void PollWhile(bool active, string timerKey, HypervisorOperation query, IVmAgentContext context, Step step)
    {
        if (active)
        {
            step.Run(new PerformHypervisorOperation(query, context));
        }
        else
        {
            step.CancelTimer(timerKey);
        }
    }

    private void OnPolled(HypervisorOperationPerformed performed, Step step)
    {
        if (_outgoing is not { } transfer)
        {
            return;
        }

        var status = performed.Result as PreCopyStatus;
        switch (status?.Status)
        {
            case MigrationStatus.Setup or MigrationStatus.Active:
                Report(transfer.Command, transfer.ReplyTo, MigrationTransferStatus.Active, status, null, step);
                break;
            case MigrationStatus.Completed when transfer.Cancelling:
                // The cancel came as the transfer ended; the lease is still ours and the target never ran: run on here.
                EndTransfer(step);
                step.Run(new PerformHypervisorOperation(new ResumeSourceGuest(vm, transfer.Command.Incarnation), new LateCancelResume(transfer.Command, transfer.ReplyTo)));
                break;
            case MigrationStatus.Completed:
                SwitchOver(transfer, status, step);
                break;
            default:
                EndTransfer(step);
                Report(transfer.Command, transfer.ReplyTo, MigrationTransferStatus.Failed, status, status?.Error ?? performed.Refusal ?? "cancelled", step);
                break;
        }
    }

    /// <summary>The guest is paused and the target holds its memory: give the lease up, and say so once it is given up.</summary>
    private void SwitchOver(OutgoingTransfer transfer, PreCopyStatus status, Step step)
    {
        EndTransfer(step);
        if (_mirror is { } mirror)
        {
            // Shared-nothing: the paused guest writes nothing more, so the mirrored copy is whole; the mirror stops and the
            // new datastore's lease is given up before the old one's, for the target to take.
            step.Run(new PerformHypervisorOperation(new CancelGuestDiskMirror(vm), new MirrorCancel(null, mirror.ReplyTo)));
            EndMirror(step);
        }

        if (_held is not { } held)
        {
            Report(transfer.Command, transfer.ReplyTo, MigrationTransferStatus.Completed, status, null, step);
            return;
        }

        _held = null;
        _pausedSource = new PausedSource(transfer.Command, transfer.ReplyTo, held.Datastore);
        step.Run(new ReleaseStorageLease(held.Datastore, vm, held.Incarnation, new Switchover(transfer.Command, transfer.ReplyTo, status)));
    }

    private void EndTransfer(Step step)
    {
        _outgoing = null;
        step.CancelTimer(PollMigration.TimerKey(vm));
    }

    private void CancelOutgoing(OutgoingMigrationCancelRequested request, DateTimeOffset now, Step step)
    {
        var command = request.Command;
        if (_outgoing is { } transfer && transfer.Command.MigrationId == command.MigrationId)
        {
            _outgoing = transfer with { Cancelling = true };
            _commandsInFlight++;
            step.Run(new PerformHypervisorOperation(new CancelGuestMigration(vm), new OutgoingCancel(command, request.ReplyTo)));

            // Learn at once how the transfer ended, rather than at the next poll.
            step.Run(new PerformHypervisorOperation(new QueryGuestMigration(vm, now), MigrationPoll.Instance));
            return;
        }

        if (_pausedSource is { } paused && paused.Command.MigrationId == command.MigrationId)
        {
            // The transfer completed and the lease was given up: the source runs again only if it can take it back,
            // which it cannot once the target took it.
            _commandsInFlight++;
            var resume = new SourceResume(command, request.ReplyTo, paused.Command, paused.Datastore, now);
            step.Run(new AcquireStorageLease(paused.Datastore, vm, paused.Command.Incarnation, now, resume));
            return;
        }

        Answer(request.ReplyTo, command.CommandId, null, null, step);
    }

    private static void ReportRolledBack(StartMigration migration, Peer to, string? refusal, Step step) =>
        Report(migration, to, MigrationTransferStatus.Failed, null, refusal is null
            ? "cancelled after the transfer completed: the source runs on"
            : $"cancelled after the transfer completed; the source could not resume: {refusal}", step);

    private static void Report(StartMigration migration, Peer to, MigrationTransferStatus status, PreCopyStatus? figures, string? error, Step step) =>
        step.Send(to, MigrationProgress.Of(migration.MigrationId, status, figures, error));
}
