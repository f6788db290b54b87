using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Migration;

/// <summary>
/// A cold migration: a host the VRM chose (<see cref="Source"/>, also <see cref="Target"/>) copies the stopped VM's disks
/// to the target datastore (Copying); the saga completes when the host reports the copy whole, and the VRM records the
/// disks' new datastore in the same step. No guest runs, so no storage lease moves: the VRM refuses to start the VM
/// until the saga ends. A failure rolls back with the disks where they were; a VRM that takes over asks the host to
/// copy again (a copy under way is accepted again and reports to the new VRM), so the move still ends.
/// </summary>
public sealed partial class MigrationSaga
{
    private long _copyCommand = -1;
    private long _lowestCopyRemainingMb = long.MaxValue;

    public bool IsCold => admitted.Kind == MigrationKind.Cold;

    /// <summary>The copying host's last report of a cold migration, if any.</summary>
    public DiskCopyProgressReported? CopyProgress { get; private set; }

    private Step StartCold()
    {
        var step = new Step();
        if (_recovered && Phase == MigrationPhase.Copying)
        {
            AskCopy(step);
            return step;
        }

        AskCopy(step);
        Move(step, MigrationPhase.Copying, $"{Source} copies {DiskGb} GB of disks to {TargetDatastore}");
        return step;
    }

    private Step DecideCold(object input, Peer from)
    {
        var step = new Step();
        switch (input)
        {
            case DiskCopyProgressReported progress when Phase == MigrationPhase.Copying:
                OnCopyProgress(step, progress);
                break;
            case CommandRejected rejected when rejected.CommandId == _copyCommand && Phase == MigrationPhase.Copying:
                Move(step, MigrationPhase.RolledBack, $"{Source} refused to copy the disks: {rejected.Reason}");
                break;
            case MigrationHostFailed when Phase == MigrationPhase.Copying:
                Move(step, MigrationPhase.RolledBack, $"the copying host {Source} failed; the VM's disks stay on {SourceDatastore}");
                break;
            case MigrationCancelRequested when Phase == MigrationPhase.Copying:
                CancelCopy(step, "cancelled by an operator");
                step.Send(from, new MigrationCancelAnswer(Id, true, $"rolled back; the VM's disks stay on {SourceDatastore}"));
                break;
            case MigrationCancelRequested:
                step.Send(from, new MigrationCancelAnswer(Id, false, $"too late to cancel: the migration is {Phase}"));
                break;
            case MigrationTimedOut { Kind: MigrationTimeout.Progress } when Phase == MigrationPhase.Copying:
                CancelCopy(step, $"the copy made no progress for {settings.ProgressTimeout.TotalSeconds:0} s{CopyNote()}");
                break;
            case MigrationTimedOut { Kind: MigrationTimeout.Completion } when Phase == MigrationPhase.Copying:
                CancelCopy(step, $"the copy did not end within the completion timeout{CopyNote()}");
                break;
            case DiskCopyProgressReported or CommandRejected or MigrationHostFailed or MigrationTimedOut or MigrationInstanceReported:
                // Late reports, a refused cancel, a timer of an ended copy.
                break;
            default:
                step.ReportUnhandled(input);
                break;
        }

        return step;
    }

    private void AskCopy(Step step)
    {
        _copyCommand = Send(step, Source, id => new CopyVmDisks(epoch, id, Vm, Id, spec, TargetDatastore, settings.MirrorSpeedMiBPerSecond));
        StartTimer(step, MigrationTimeout.Progress, settings.ProgressTimeout);
        StartTimer(step, MigrationTimeout.Completion, settings.MirrorCompletionTimeoutPerGiB * Math.Max(1, DiskGb));
    }

    private void OnCopyProgress(Step step, DiskCopyProgressReported progress)
    {
        CopyProgress = progress;
        switch (progress.State)
        {
            case DiskCopyState.Running when progress.RemainingMb < _lowestCopyRemainingMb:
                _lowestCopyRemainingMb = progress.RemainingMb;
                StartTimer(step, MigrationTimeout.Progress, settings.ProgressTimeout);
                break;
            case DiskCopyState.Completed:
                Move(step, MigrationPhase.Completed, $"{Source} copied the disks to {TargetDatastore}");
                break;
            case DiskCopyState.Failed:
                Move(step, MigrationPhase.RolledBack, $"the copy failed on {Source}: {progress.Error ?? "no reason given"}");
                break;
        }
    }

    private void CancelCopy(Step step, string why)
    {
        Send(step, Source, id => new CancelDiskCopy(epoch, id, Vm, Id));
        Move(step, MigrationPhase.RolledBack, why);
    }

    private string CopyNote() =>
        CopyProgress is { } p ? $" ({p.RemainingMb} MB of {p.DiskMb} MB not yet copied)" : " (no progress reported)";
}
