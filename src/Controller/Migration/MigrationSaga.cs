using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Migration;

/// <summary>
/// One live migration, from admission to an end: the target prepares a paused incoming instance (the VM's next
/// incarnation), the source sends memory and reports progress, the source pauses and gives up the storage lease,
/// the target takes it and resumes, and the source is quit. Every failure before switch-over rolls back with the
/// source running (or, if the source died, with the VM down for HA); every failure during switch-over leaves the
/// saga in doubt until a host reports which instance runs. Each phase change is a <see cref="MigrationPhaseChanged"/>
/// event; the VRM hosts the saga, routes its inputs and persists its events in its own journal (docs/migration.md).
/// A saga recovered from the journal is driven to an end by its phase: mid-transfer it rolls back, as libvirt does.
/// A storage migration (MigrationSaga.Storage.cs) has phases of its own: Mirroring, then Pivoting; a shared-nothing one
/// mirrors first (MigrationSaga.SharedNothing.cs); a cold one copies a stopped VM's disks (MigrationSaga.Cold.cs).
/// </summary>
public sealed partial class MigrationSaga(MigrationAdmitted admitted, VmSpec spec, MigrationSagaSettings settings, long epoch, Func<long> nextCommandId) : IDecider
{
    private static readonly MigrationTimeout[] Timeouts = Enum.GetValues<MigrationTimeout>();
    private long _prepareCommand = -1;
    private long _startCommand = -1;
    private long _resumeCommand = -1;
    private long _lowestRemainingMb = long.MaxValue;
    private readonly HashSet<long> _sentCommands = [];
    private bool _recovered;
    private bool _targetFailed;
    private bool _sourceFailed;

    // While in doubt, a host's heartbeat lacked the VM altogether or showed it crashed: that instance is gone for good.
    private bool _sourceLost;
    private bool _targetLost;

    // Once the target may have been told to resume, it may run the VM; before that only the source ever can.
    private bool _targetMayRun;

    // Once an in-doubt saga asked the source to run on, the source may have resumed on the disks it had.
    private bool _sourceAskedToRunOn;

    public MigrationId Id => admitted.MigrationId;

    public VmId Vm => admitted.VmId;

    public HostId Source => admitted.Source;

    public HostId Target => admitted.Target;

    /// <summary>The incarnation the VM runs as on the target.</summary>
    public long TargetIncarnation => admitted.IncarnationOnTarget;

    public MigrationPhase Phase { get; private set; } = MigrationPhase.Admitted;

    /// <summary>The source's last progress report, if any.</summary>
    public MigrationProgressReported? Progress { get; private set; }

    /// <summary>Whether <paramref name="commandId"/> is one of this saga's commands to a host.</summary>
    public bool Sent(long commandId) => _sentCommands.Contains(commandId);

    public bool IsOver => Phase is MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed;

    /// <summary>Resumes the saga in the phase the journal left it in (a VRM taking over does this before <see cref="Start"/>).</summary>
    public void Recover(MigrationPhase phase)
    {
        Phase = phase;
        _recovered = true;
    }

    public Step Start(DateTimeOffset now)
    {
        if (IsStorage)
        {
            return StartStorage();
        }

        if (IsCold)
        {
            return StartCold();
        }

        var step = new Step();
        if (IsSharedNothing && (!_recovered || Phase is MigrationPhase.Admitted or MigrationPhase.Mirroring))
        {
            StartSharedNothing(step);
            return step;
        }

        if (!_recovered)
        {
            PrepareTarget(step);
            return step;
        }

        switch (Phase)
        {
            case MigrationPhase.Admitted or MigrationPhase.TargetPrepared:
                RollBack(step, cancelSource: false, "the VRM changed before the transfer");
                break;
            case MigrationPhase.Transferring:
                // The old VRM's transfer may still run, or may have completed while no VRM listened, leaving the source
                // paused without its lease: the source is asked to run on either way, and its report ends the saga.
                Doubt(step, "the VRM changed during the transfer");
                break;
            case MigrationPhase.SwitchingOver:
                _targetMayRun = true;
                Doubt(step, "the VRM changed during the switch-over");
                break;
            case MigrationPhase.InDoubt:
                _targetMayRun = true;
                AskAgain(step);
                break;
        }

        return step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        if (IsStorage)
        {
            return DecideStorage(input, from);
        }

        if (IsCold)
        {
            return DecideCold(input, from);
        }

        var step = new Step();
        if (IsSharedNothing && DecideSharedNothing(step, input, from))
        {
            return step;
        }

        switch (input)
        {
            case IncomingMigrationPrepared prepared when Phase == MigrationPhase.Admitted:
                OnTargetPrepared(step, prepared);
                break;
            case MigrationProgressReported progress when Phase == MigrationPhase.Transferring:
                OnProgress(step, progress);
                break;
            case MigratedVmResumed resumed when resumed.Incarnation == TargetIncarnation && Phase is MigrationPhase.SwitchingOver or MigrationPhase.InDoubt:
                Complete(step, IsSharedNothing ? $"the target runs the VM on {TargetDatastore} and holds its storage lease there" : "the target runs the VM and holds its storage lease");
                break;
            case CommandRejected rejected:
                OnRejected(step, rejected);
                break;
            case MigrationHostFailed failed:
                OnHostFailed(step, failed.Host);
                break;
            case MigrationCancelRequested:
                OnCancel(step, from);
                break;
            case MigrationTimedOut timedOut:
                OnTimedOut(step, timedOut.Kind);
                break;
            case MigrationInstanceReported reported when Phase is MigrationPhase.SwitchingOver or MigrationPhase.InDoubt:
                OnInstanceReported(step, reported);
                break;
            case MigrationInstanceMissing missing when Phase == MigrationPhase.InDoubt:
                OnInstanceLost(step, missing.Host);
                break;
            case IncomingMigrationPrepared or MigrationProgressReported or MigratedVmResumed or MigrationInstanceReported or MigrationInstanceMissing:
                // Late or repeated answers of a phase already left: they change nothing.
                break;
            default:
                step.ReportUnhandled(input);
                break;
        }

        return step;
    }

    private void PrepareTarget(Step step)
    {
        _prepareCommand = Send(step, Target, id => new PrepareIncomingMigration(epoch, id, Vm, Id, IncomingSpec, TargetIncarnation, ArbiterDatastore));
        StartTimer(step, MigrationTimeout.Prepare, settings.PrepareTimeout);
    }

    private void OnTargetPrepared(Step step, IncomingMigrationPrepared prepared)
    {
        Move(step, MigrationPhase.TargetPrepared, $"{Target} listens at {prepared.Uri}");
        _startCommand = Send(step, Source, id => new StartMigration(epoch, id, Vm, Id, admitted.SourceIncarnation, prepared.Uri, settings.Transfer));
        Move(step, MigrationPhase.Transferring, $"{Source} sends {spec.MemoryMb} MB");
        StartTimer(step, MigrationTimeout.Progress, settings.ProgressTimeout);
        StartTimer(step, MigrationTimeout.Completion, settings.CompletionTimeoutPerGiB * Math.Max(1.0, spec.MemoryMb / 1024.0));
    }

    private void OnProgress(Step step, MigrationProgressReported progress)
    {
        Progress = progress;
        switch (progress.Status)
        {
            case MigrationTransferStatus.Active when progress.RemainingMb < _lowestRemainingMb:
                _lowestRemainingMb = progress.RemainingMb;
                StartTimer(step, MigrationTimeout.Progress, settings.ProgressTimeout);
                break;
            case MigrationTransferStatus.Completed:
                Move(step, MigrationPhase.SwitchingOver, $"{Source} paused the VM after {progress.Passes} passes and released its storage {(IsSharedNothing ? $"leases on {ArbiterDatastore} and {TargetDatastore}" : "lease")}", downtimeMs: progress.DowntimeMs, totalMs: progress.TotalMs);
                _targetMayRun = true;
                _resumeCommand = Send(step, Target, id => new ResumeMigratedVm(epoch, id, Vm, Id, TargetIncarnation));
                StartTimer(step, MigrationTimeout.SwitchOver, settings.SwitchOverTimeout);
                break;
            case MigrationTransferStatus.Failed:
                RollBack(step, cancelSource: false, $"the transfer failed on {Source}: {progress.Error ?? "no reason given"}");
                break;
        }
    }

    private void OnRejected(Step step, CommandRejected rejected)
    {
        if (rejected.CommandId == _prepareCommand && Phase == MigrationPhase.Admitted)
        {
            RollBack(step, cancelSource: false, $"{Target} refused the incoming VM: {rejected.Reason}");
        }
        else if (rejected.CommandId == _startCommand && Phase == MigrationPhase.Transferring)
        {
            RollBack(step, cancelSource: false, $"{Source} refused to send the VM: {rejected.Reason}");
        }
        else if (rejected.CommandId == _resumeCommand && Phase == MigrationPhase.SwitchingOver)
        {
            Doubt(step, $"{Target} could not resume the VM: {rejected.Reason}");
        }
    }

    private void OnHostFailed(Step step, HostId host)
    {
        _targetFailed |= host == Target;
        _sourceFailed |= host == Source;
        var beforeSwitchOver = Phase is MigrationPhase.Admitted or MigrationPhase.TargetPrepared or MigrationPhase.Transferring;
        if (host == Target && beforeSwitchOver)
        {
            RollBack(step, cancelSource: Phase == MigrationPhase.Transferring, $"the target {Target} failed");
        }
        else if (host == Target && Phase == MigrationPhase.SwitchingOver)
        {
            Doubt(step, $"the target {Target} failed during the switch-over");
        }
        else if (host == Source && (beforeSwitchOver || (Phase == MigrationPhase.InDoubt && !_targetMayRun)))
        {
            RollBack(step, cancelSource: false, $"the source {Source} failed before the switch-over", vmDown: true);
        }
        else if (SourceGone && TargetGone && Phase == MigrationPhase.InDoubt && OnlyNewDisksCurrent)
        {
            Complete(step, $"both hosts failed or lost the VM during the switch-over; {Source} never ran on, so the disks on {TargetDatastore} hold every write", vmDown: true);
        }
        else if (SourceGone && TargetGone && Phase == MigrationPhase.InDoubt)
        {
            RollBack(step, cancelSource: false, "both hosts failed or lost the VM during the switch-over; the VM runs nowhere", vmDown: true);
        }

        // The source failing during the switch-over changes nothing more: it has paused and let go of the lease, and
        // the target holds the whole memory.
    }

    private void OnCancel(Step step, Peer asker)
    {
        if (Phase is MigrationPhase.Admitted or MigrationPhase.TargetPrepared or MigrationPhase.Transferring)
        {
            RollBack(step, cancelSource: Phase == MigrationPhase.Transferring, "cancelled by an operator");
            step.Send(asker, new MigrationCancelAnswer(Id, true, "rolled back; the VM runs on its source"));
            return;
        }

        step.Send(asker, new MigrationCancelAnswer(Id, false, $"too late to cancel: the migration is {Phase}"));
    }

    private void OnTimedOut(Step step, MigrationTimeout kind)
    {
        switch (kind)
        {
            case MigrationTimeout.Prepare when Phase == MigrationPhase.Admitted:
                RollBack(step, cancelSource: false, $"{Target} did not prepare the incoming VM within {settings.PrepareTimeout.TotalSeconds:0} s");
                break;
            case MigrationTimeout.Progress when Phase == MigrationPhase.Transferring:
                RollBack(step, cancelSource: true, $"no progress for {settings.ProgressTimeout.TotalSeconds:0} s{ProgressNote()}");
                break;
            case MigrationTimeout.Completion when Phase == MigrationPhase.Transferring:
                RollBack(step, cancelSource: true, $"not finished within the completion timeout{ProgressNote()}");
                break;
            case MigrationTimeout.SwitchOver when Phase == MigrationPhase.SwitchingOver:
                Doubt(step, $"{Target} did not confirm the switch-over within {settings.SwitchOverTimeout.TotalSeconds:0} s");
                break;
            case MigrationTimeout.InDoubtRetry when Phase == MigrationPhase.InDoubt:
                AskAgain(step);
                break;
        }
    }

    private void OnInstanceReported(Step step, MigrationInstanceReported reported)
    {
        var ours = (reported.Host == Source && reported.Incarnation == admitted.SourceIncarnation) || (reported.Host == Target && reported.Incarnation == TargetIncarnation);
        if (reported.PowerState == VmPowerState.Crashed && ours && Phase == MigrationPhase.InDoubt)
        {
            // A crashed instance (a fenced one: its host lost the storage) can neither run on nor resume.
            OnInstanceLost(step, reported.Host);
            return;
        }

        if (reported.PowerState != VmPowerState.Running)
        {
            return;
        }

        if (reported.Host == Target && reported.Incarnation == TargetIncarnation)
        {
            Complete(step, $"{Target} reports the VM running as incarnation {TargetIncarnation}");
        }
        else if (reported.Host == Source && reported.Incarnation == admitted.SourceIncarnation)
        {
            RollBack(step, cancelSource: false, $"{Source} reports the VM still running as incarnation {admitted.SourceIncarnation}");
        }
    }

    private void OnInstanceLost(Step step, HostId host)
    {
        _sourceLost |= host == Source;
        _targetLost |= host == Target;
        if (SourceGone && TargetGone && OnlyNewDisksCurrent)
        {
            Complete(step, $"{Source} and {Target} both lost the VM or failed after the switch-over began; {Source} never ran on, so the disks on {TargetDatastore} hold every write", vmDown: true);
        }
        else if (SourceGone && (TargetGone || !_targetMayRun))
        {
            RollBack(step, cancelSource: false, $"{Source} lost the VM{(_targetMayRun ? $" and {Target} {(_targetFailed ? "failed" : "lost it too")}" : " before the target could run it")}; it runs nowhere", vmDown: true);
        }
    }

    /// <summary>
    /// Nobody has confirmed which instance runs. The source is asked to resume if it still can: it must take its released
    /// storage lease back first, which it cannot once the target took it, so the lease decides and the next report of a
    /// running instance (the source's, or the target's) resolves the saga. Waiting for reports alone would leave the VM
    /// paused on both sides for ever when the target never resumed (it died, or never heard the resume).
    /// </summary>
    private void Doubt(Step step, string why)
    {
        Move(step, MigrationPhase.InDoubt, why);
        AskAgain(step);
    }

    /// <summary>
    /// Asks the host that may still run the VM to do so, and again every <see cref="MigrationSagaSettings.InDoubtRetryInterval"/>
    /// until a report resolves the saga: a question can be lost, and a host cut off its storage cannot take the lease yet.
    /// The source is asked to run on; once it is gone (Faulty, or its heartbeat lacks the VM) the target is asked to resume
    /// with the whole memory it holds. Either must win the storage lease first, so the lease still picks one.
    /// </summary>
    private void AskAgain(Step step)
    {
        if (SourceGone && _targetMayRun && !_targetLost)
        {
            _resumeCommand = Send(step, Target, id => new ResumeMigratedVm(epoch, id, Vm, Id, TargetIncarnation));
        }
        else
        {
            _sourceAskedToRunOn = true;
            Send(step, Source, id => new CancelMigration(epoch, id, Vm, Id));
        }

        StartTimer(step, MigrationTimeout.InDoubtRetry, settings.InDoubtRetryInterval);
    }

    /// <summary>The source host failed, or reported that it no longer has the VM (a paused source it quit counts).</summary>
    private bool SourceGone => _sourceFailed || _sourceLost;

    /// <summary>The target host failed, or reported that it no longer has the incoming instance.</summary>
    private bool TargetGone => _targetFailed || _targetLost;

    private void Complete(Step step, string why, bool vmDown = false)
    {
        Move(step, MigrationPhase.Completed, why, vmDown);
        Send(step, Source, id => new QuitMigratedSource(epoch, id, Vm, Id, admitted.SourceIncarnation));
    }

    private void RollBack(Step step, bool cancelSource, string why, bool vmDown = false)
    {
        if (cancelSource)
        {
            Send(step, Source, id => new CancelMigration(epoch, id, Vm, Id));
        }

        if (IsSharedNothing && !vmDown)
        {
            // The source may still mirror the disks: it stops and gives the new datastore's lease back.
            Send(step, Source, id => new CancelDiskMirror(epoch, id, Vm, Id));
        }

        Send(step, Target, id => new DiscardIncomingMigration(epoch, id, Vm, Id, TargetIncarnation));
        Move(step, MigrationPhase.RolledBack, why, vmDown);
    }

    /// <summary>The one place a phase changes: an event, and the end of the saga once it is over.</summary>
    private void Move(Step step, MigrationPhase to, string why, bool vmDown = false, long? downtimeMs = null, long? totalMs = null)
    {
        step.Persist(new MigrationPhaseChanged(Id, Phase, to, why, vmDown, downtimeMs, totalMs));
        Phase = to;
        if (IsOver)
        {
            foreach (var timeout in Timeouts)
            {
                step.CancelTimer(MigrationTimedOut.TimerKey(Id, timeout));
            }

            step.Stop();
        }
    }

    private long Send(Step step, HostId host, Func<long, IHostCommand> command)
    {
        var id = nextCommandId();
        _sentCommands.Add(id);
        step.Send(MigrationHostPeer.Of(host), command(id));
        return id;
    }

    private void StartTimer(Step step, MigrationTimeout kind, TimeSpan after) =>
        step.StartSingleTimer(MigrationTimedOut.TimerKey(Id, kind), new MigrationTimedOut(Id, kind), after);

    private string ProgressNote() =>
        Progress is { } p ? $" (pass {p.Passes}, {p.RemainingMb} MB left, dirtying {p.DirtyRateMiBPerSecond:0.#} MiB/s, throttle {p.ThrottlePercent} %)" : " (no progress reported)";
}
