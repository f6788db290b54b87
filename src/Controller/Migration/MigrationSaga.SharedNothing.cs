using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Migration;

/// <summary>
/// A shared-nothing migration: a storage migration's mirror, then a live migration onto the copy. The source mirrors the
/// disks to the new datastore (holding that datastore's lease beside its own, as a storage migration does), and once the
/// mirror is in sync the target prepares the incoming instance on the new disks and the memory moves while the mirror
/// keeps every write on both copies. From then on it is a live migration (TargetPrepared, Transferring, SwitchingOver,
/// InDoubt), with two differences: the target's resume takes the old datastore's lease as well as the new one (the
/// lease the source must take back to run on, so it still picks one instance), and a rollback also stops the mirror.
/// Every failure while mirroring rolls back with the disks where they were.
/// </summary>
public sealed partial class MigrationSaga
{
    public bool IsSharedNothing => admitted.Kind == MigrationKind.SharedNothing;

    /// <summary>The VM as the target defines it: on the new datastore in a shared-nothing migration.</summary>
    private VmSpec IncomingSpec => IsSharedNothing ? spec with { Disks = [.. spec.Disks.Select(d => d with { Datastore = TargetDatastore })] } : spec;

    /// <summary>The datastore whose lease decides a shared-nothing switch-over: the one the disks leave.</summary>
    private DatastoreId? ArbiterDatastore => IsSharedNothing ? SourceDatastore : null;

    /// <summary>
    /// Both instances are gone after the switch-over began and the source was never asked to run on: it stayed paused
    /// since the mirror's last write, so the new datastore's copy holds every write the guest made (and those of the target, if it ran).
    /// </summary>
    private bool OnlyNewDisksCurrent => IsSharedNothing && _targetMayRun && !_sourceAskedToRunOn;

    private void StartSharedNothing(Step step)
    {
        if (_recovered)
        {
            // The old VRM's mirror may run on and the target may have prepared: both are stopped.
            RollBack(step, cancelSource: false, "the VRM changed during the mirror");
            return;
        }

        _mirrorCommand = Send(step, Source, id => new StartDiskMirror(epoch, id, Vm, Id, admitted.SourceIncarnation, TargetDatastore, settings.MirrorSpeedMiBPerSecond));
        Move(step, MigrationPhase.Mirroring, $"{Source} mirrors {DiskGb} GB of disks to {TargetDatastore} before {Target} takes the VM");
        StartTimer(step, MigrationTimeout.Progress, settings.ProgressTimeout);
        StartTimer(step, MigrationTimeout.Completion, settings.MirrorCompletionTimeoutPerGiB * Math.Max(1, DiskGb));
    }

    /// <summary>The inputs a shared-nothing migration takes differently from a live one; false for the live saga to decide.</summary>
    private bool DecideSharedNothing(Step step, object input, Peer from)
    {
        if (input is DiskMirrorProgressReported progress)
        {
            OnSharedNothingMirror(step, progress);
            return true;
        }

        if (Phase != MigrationPhase.Mirroring)
        {
            return false;
        }

        switch (input)
        {
            case IncomingMigrationPrepared prepared when _prepareCommand >= 0:
                OnTargetPrepared(step, prepared);
                break;
            case CommandRejected rejected when rejected.CommandId == _mirrorCommand:
                RollBack(step, cancelSource: false, $"{Source} refused to mirror the disks: {rejected.Reason}");
                break;
            case CommandRejected rejected when rejected.CommandId == _prepareCommand:
                RollBack(step, cancelSource: false, $"{Target} refused the incoming VM: {rejected.Reason}");
                break;
            case MigrationHostFailed failed:
                _sourceFailed |= failed.Host == Source;
                RollBack(step, cancelSource: false, failed.Host == Source ? $"the source {Source} failed during the mirror; the VM's disks stay where they were" : $"the target {Target} failed during the mirror", vmDown: failed.Host == Source);
                break;
            case MigrationCancelRequested:
                RollBack(step, cancelSource: false, "cancelled by an operator");
                step.Send(from, new MigrationCancelAnswer(Id, true, "rolled back; the VM runs on its source with its disks where they were"));
                break;
            case MigrationTimedOut { Kind: MigrationTimeout.Progress }:
                RollBack(step, cancelSource: false, $"the mirror made no progress for {settings.ProgressTimeout.TotalSeconds:0} s{MirrorNote()}");
                break;
            case MigrationTimedOut { Kind: MigrationTimeout.Completion } when _prepareCommand < 0:
                RollBack(step, cancelSource: false, $"the mirror was not in sync within the completion timeout{MirrorNote()}");
                break;
            case MigrationTimedOut { Kind: MigrationTimeout.Prepare }:
                RollBack(step, cancelSource: false, $"{Target} did not prepare the incoming VM within {settings.PrepareTimeout.TotalSeconds:0} s");
                break;
            case CommandRejected or MigrationTimedOut or IncomingMigrationPrepared or MigrationProgressReported or MigrationInstanceReported or MigrationInstanceMissing or MigratedVmResumed:
                // Late answers, refusals of a cancel, or a timer of another phase.
                break;
            default:
                step.ReportUnhandled(input);
                break;
        }

        return true;
    }

    /// <summary>
    /// The mirror's report: in sync, the target is asked to prepare (once); until the switch-over, a mirror that fails
    /// rolls the migration back, since the copy would miss writes. After it the source's mirror is over and reports change nothing.
    /// </summary>
    private void OnSharedNothingMirror(Step step, DiskMirrorProgressReported progress)
    {
        if (Phase is not (MigrationPhase.Mirroring or MigrationPhase.TargetPrepared or MigrationPhase.Transferring))
        {
            return;
        }

        MirrorProgress = progress;
        switch (progress.State)
        {
            case DiskMirrorState.Failed:
                RollBack(step, cancelSource: Phase == MigrationPhase.Transferring, $"the mirror failed on {Source}: {progress.Error ?? "no reason given"}");
                break;
            case DiskMirrorState.Running when Phase == MigrationPhase.Mirroring && progress.RemainingMb < _lowestMirrorRemainingMb:
                _lowestMirrorRemainingMb = progress.RemainingMb;
                StartTimer(step, MigrationTimeout.Progress, settings.ProgressTimeout);
                break;
            case DiskMirrorState.Ready when Phase == MigrationPhase.Mirroring && _prepareCommand < 0:
                step.CancelTimer(MigrationTimedOut.TimerKey(Id, MigrationTimeout.Completion));
                step.CancelTimer(MigrationTimedOut.TimerKey(Id, MigrationTimeout.Progress));
                PrepareTarget(step);
                break;
        }
    }
}
