using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Migration;

/// <summary>
/// A storage migration: the VM runs on on its host while the host mirrors its disks to the target datastore (Mirroring),
/// and once the mirror is in sync the host pivots the VM onto the copy (Pivoting); the saga completes when the host says
/// the VM writes only the target, and the VRM records the disks' new datastore in the same step. The host holds the
/// target datastore's lease from before the mirror writes there, and gives the source's up only after the pivot.
/// A failure while mirroring rolls back (the VM keeps its disks; a dead host leaves it down for HA on its old
/// datastore). Once pivoting, the copy holds every write the guest saw completed (the mirror writes both copies once
/// in sync), so the move completes even if the host dies; HA then restarts the VM from the new datastore, whose lease
/// the dead host held.
/// </summary>
public sealed partial class MigrationSaga
{
    private long _mirrorCommand = -1;
    private long _pivotCommand = -1;
    private long _lowestMirrorRemainingMb = long.MaxValue;

    public bool IsStorage => admitted.Kind == MigrationKind.Storage;

    /// <summary>The host's last report of a storage migration's mirror, if any.</summary>
    public DiskMirrorProgressReported? MirrorProgress { get; private set; }

    /// <summary>What the VRM records once the saga completed: the VM on its new host, its disks on their new datastore, or both.</summary>
    public IReadOnlyList<IWireMessage> CompletionEvents(DateTimeOffset at) => admitted.Kind switch
    {
        MigrationKind.Storage or MigrationKind.Cold => [DisksMoved(at)],
        MigrationKind.SharedNothing => [new VmMigrated(Vm, Source, Target, TargetIncarnation, Id, at), DisksMoved(at)],
        _ => [new VmMigrated(Vm, Source, Target, TargetIncarnation, Id, at)],
    };

    private VmDisksMoved DisksMoved(DateTimeOffset at) => new(Vm, SourceDatastore, TargetDatastore, Id, at);

    /// <summary>Where the disks are before the move.</summary>
    private DatastoreId SourceDatastore => admitted.FromDatastore ?? spec.PrimaryDatastore;

    private DatastoreId TargetDatastore => admitted.Datastore ?? throw new InvalidOperationException($"storage migration {Id} names no datastore");

    private long DiskGb => spec.Disks.Sum(d => d.SizeGb);

    private Step StartStorage()
    {
        var step = new Step();
        if (!_recovered)
        {
            _mirrorCommand = Send(step, Source, id => new StartDiskMirror(epoch, id, Vm, Id, admitted.SourceIncarnation, TargetDatastore, settings.MirrorSpeedMiBPerSecond));
            Move(step, MigrationPhase.Mirroring, $"{Source} mirrors {DiskGb} GB of disks to {TargetDatastore}");
            StartTimer(step, MigrationTimeout.Progress, settings.ProgressTimeout);
            StartTimer(step, MigrationTimeout.Completion, settings.MirrorCompletionTimeoutPerGiB * Math.Max(1, DiskGb));
            return step;
        }

        if (Phase == MigrationPhase.Pivoting)
        {
            // The old VRM may have asked for the pivot, and the host may have done it: ask again; a done pivot is answered again.
            AskPivot(step);
        }
        else
        {
            CancelMirror(step, "the VRM changed during the mirror");
        }

        return step;
    }

    private Step DecideStorage(object input, Peer from)
    {
        var step = new Step();
        switch (input)
        {
            case DiskMirrorProgressReported progress when Phase == MigrationPhase.Mirroring:
                OnMirrorProgress(step, progress);
                break;
            case DiskMirrorPivoted pivoted when Phase is MigrationPhase.Mirroring or MigrationPhase.Pivoting:
                Move(step, MigrationPhase.Completed, $"{Source} pivoted the VM onto {pivoted.Datastore} and released its lease on the old datastore");
                break;
            case CommandRejected rejected when rejected.CommandId == _mirrorCommand && Phase == MigrationPhase.Mirroring:
                StorageRollBack(step, $"{Source} refused to mirror the disks: {rejected.Reason}");
                break;
            case CommandRejected rejected when rejected.CommandId == _pivotCommand && Phase == MigrationPhase.Pivoting:
                CancelMirror(step, $"{Source} could not pivot the VM: {rejected.Reason}");
                break;
            case MigrationHostFailed failed when failed.Host == Source:
                OnStorageHostFailed(step);
                break;
            case MigrationCancelRequested:
                OnStorageCancel(step, from);
                break;
            case MigrationTimedOut timedOut:
                OnStorageTimedOut(step, timedOut.Kind);
                break;
            case CommandRejected or DiskMirrorProgressReported or DiskMirrorPivoted or MigrationHostFailed or MigrationInstanceReported:
                // Late or repeated answers of a phase already left, a refusal of a cancel, or a host the VM is not on.
                break;
            default:
                step.ReportUnhandled(input);
                break;
        }

        return step;
    }

    private void OnMirrorProgress(Step step, DiskMirrorProgressReported progress)
    {
        MirrorProgress = progress;
        switch (progress.State)
        {
            case DiskMirrorState.Running when progress.RemainingMb < _lowestMirrorRemainingMb:
                _lowestMirrorRemainingMb = progress.RemainingMb;
                StartTimer(step, MigrationTimeout.Progress, settings.ProgressTimeout);
                break;
            case DiskMirrorState.Ready:
                Move(step, MigrationPhase.Pivoting, $"the disks on {TargetDatastore} are in sync");
                AskPivot(step);
                break;
            case DiskMirrorState.Failed:
                StorageRollBack(step, $"the mirror failed on {Source}: {progress.Error ?? "no reason given"}");
                break;
        }
    }

    private void OnStorageHostFailed(Step step)
    {
        if (Phase == MigrationPhase.Pivoting)
        {
            Move(step, MigrationPhase.Completed, $"the host {Source} failed during the pivot; the disks on {TargetDatastore} hold every completed write", vmDown: true);
        }
        else if (Phase is MigrationPhase.Admitted or MigrationPhase.Mirroring)
        {
            StorageRollBack(step, $"the host {Source} failed during the mirror; the VM's disks stay where they were", vmDown: true);
        }
    }

    private void OnStorageCancel(Step step, Peer asker)
    {
        if (Phase is MigrationPhase.Admitted or MigrationPhase.Mirroring)
        {
            CancelMirror(step, "cancelled by an operator");
            step.Send(asker, new MigrationCancelAnswer(Id, true, "rolled back; the VM keeps its disks where they were"));
            return;
        }

        step.Send(asker, new MigrationCancelAnswer(Id, false, $"too late to cancel: the migration is {Phase}"));
    }

    private void OnStorageTimedOut(Step step, MigrationTimeout kind)
    {
        switch (kind)
        {
            case MigrationTimeout.Progress when Phase == MigrationPhase.Mirroring:
                CancelMirror(step, $"the mirror made no progress for {settings.ProgressTimeout.TotalSeconds:0} s{MirrorNote()}");
                break;
            case MigrationTimeout.Completion when Phase == MigrationPhase.Mirroring:
                CancelMirror(step, $"the mirror was not in sync within the completion timeout{MirrorNote()}");
                break;
            case MigrationTimeout.Pivot when Phase == MigrationPhase.Pivoting:
                AskPivot(step);
                break;
        }
    }

    private void AskPivot(Step step)
    {
        _pivotCommand = Send(step, Source, id => new PivotDiskMirror(epoch, id, Vm, Id, admitted.SourceIncarnation));
        StartTimer(step, MigrationTimeout.Pivot, settings.PivotTimeout);
    }

    private void CancelMirror(Step step, string why)
    {
        Send(step, Source, id => new CancelDiskMirror(epoch, id, Vm, Id));
        StorageRollBack(step, why);
    }

    private void StorageRollBack(Step step, string why, bool vmDown = false) => Move(step, MigrationPhase.RolledBack, why, vmDown);

    private string MirrorNote() =>
        MirrorProgress is { } p ? $" ({p.RemainingMb} MB of {p.DiskMb} MB not in sync)" : " (no progress reported)";
}
