using Cluster.Controller.Migration;
using Cluster.Controller.Vrm.Ha;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// The VRM's side of live migration: it admits a move (target chosen by placement or checked, resources reserved),
/// hosts one <see cref="MigrationSaga"/> per open migration, routes hosts' answers, timers, host failures and reports
/// to it, and records its events in the VRM's journal. A completed saga moves the VM in the inventory; one that ended
/// with the VM down hands it to HA in the same step. Requests over a limit wait in the queue (VrmMigrations.Queue.cs).
/// </summary>
public sealed partial class VrmMigrations(VrmState state, VrmSettings settings, HostChannel channel, HaRestarts ha)
{
    private readonly Dictionary<MigrationId, MigrationSaga> _live = [];
    private readonly MigrationAdmission _admission = new(state, settings);

    private Inventory Inventory => state.Inventory;

    private MigrationBook Book => state.Migrations;

    /// <summary>A new VRM drives every migration it recovered to an end (docs/migration.md says how, by phase).</summary>
    public void Resume(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        foreach (var open in Book.Open.ToList())
        {
            if (Inventory.Vm(open.Admitted.VmId) is not { } vm)
            {
                continue;
            }

            var saga = NewSaga(open.Admitted, vm.Spec);
            saga.Recover(open.Phase);
            _live[saga.Id] = saga;
            Merge(decision, saga, saga.Start(decision.Now));
        }

        AdmitWaiting(decision);
    }

    /// <summary>Hands an input addressed to one migration (a host's answer, its timer, a cancel) to its saga.</summary>
    public void Route(Decision decision, MigrationId id, object input)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_live.TryGetValue(id, out var saga))
        {
            Merge(decision, saga, saga.Decide(input, decision.From, decision.Now));
        }
        else if (input is MigrationCancelRequested && Book.Queue.FirstOrDefault(q => q.Request.MigrationId == id) is { } queued)
        {
            CancelQueued(decision, queued);
        }
        else if (input is MigrationCancelRequested)
        {
            decision.Reply(Book.Find(id) is { } ended ? new MigrationCancelAnswer(id, false, $"the migration has ended: {ended.Phase}")
                : Book.FindRequest(id) is { } dropped ? new MigrationCancelAnswer(id, false, $"the migration has ended: {MigrationPhase.Failed} ({dropped.DroppedBecause})")
                : AdminFailure.NotFound("migrationId", $"migration {id}"));
        }
    }

    /// <summary>A refusal of one of the sagas' commands goes to that saga; false if none sent it.</summary>
    public bool OnRejected(Decision decision, CommandRejected rejected)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(rejected);
        foreach (var saga in _live.Values)
        {
            if (saga.Sent(rejected.CommandId))
            {
                Merge(decision, saga, saga.Decide(rejected, decision.From, decision.Now));
                return true;
            }
        }

        return false;
    }

    /// <summary>A host turned Faulty: every saga it is part of decides before HA looks at the host's VMs.</summary>
    public void OnHostFailed(Decision decision, HostId host)
    {
        foreach (var saga in _live.Values.Where(s => s.Source == host || s.Target == host).ToList())
        {
            Merge(decision, saga, saga.Decide(new MigrationHostFailed(saga.Id, host), Peer.None, decision.Now));
        }
    }

    /// <summary>A heartbeat reports a VM that is migrating: its saga owns the report (true), reconciliation leaves it alone.</summary>
    public bool OwnsReport(Decision decision, HostId host, VmRuntimeReport report)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(report);
        if (Book.OpenFor(report.VmId) is not { } open || (host != open.Admitted.Source && host != open.Admitted.Target))
        {
            return false;
        }

        if (_live.TryGetValue(open.Admitted.MigrationId, out var saga) && saga.Phase is MigrationPhase.SwitchingOver or MigrationPhase.InDoubt)
        {
            Merge(decision, saga, saga.Decide(new MigrationInstanceReported(saga.Id, host, report.PowerState, report.Incarnation), Peer.None, decision.Now));
        }

        return true;
    }

    /// <summary>
    /// A heartbeat of a host taking part in an in-doubt migration that lacks the VM altogether (not even a paused copy):
    /// that host lost its instance, which its saga needs to know to stop waiting for it.
    /// </summary>
    public void OnHeartbeat(Decision decision, Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(heartbeat);
        if (_live.Count == 0)
        {
            return;
        }

        List<MigrationSaga>? lacking = null;
        foreach (var saga in _live.Values)
        {
            if (saga.Phase == MigrationPhase.InDoubt && (heartbeat.HostId == saga.Source || heartbeat.HostId == saga.Target) && !Reports(heartbeat, saga.Vm))
            {
                (lacking ??= []).Add(saga);
            }
        }

        foreach (var saga in lacking ?? [])
        {
            Merge(decision, saga, saga.Decide(new MigrationInstanceMissing(saga.Id, heartbeat.HostId), Peer.None, decision.Now));
        }
    }

    private static bool Reports(Heartbeat heartbeat, VmId vm)
    {
        for (var i = 0; i < heartbeat.Vms.Count; i++)
        {
            if (heartbeat.Vms[i].VmId == vm)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Open migrations, then the requests waiting in the queue, then ended ones (admitted, then dropped) newest first.</summary>
    public MigrationList List() => new([.. Book.Open.Select(View), .. Book.Queue.Select(View), .. Book.All.Skip(Book.Open.Count).Select(View), .. Book.Dropped.Select(View)]);

    public object Get(MigrationId id) => Book.Find(id) is { } migration ? View(migration)
        : Book.FindRequest(id) is { } request ? View(request)
        : AdminFailure.NotFound("migrationId", $"migration {id}");

    private MigrationSaga NewSaga(MigrationAdmitted admitted, VmSpec spec) => new(admitted, spec, settings.Migration, channel.Epoch, channel.NextCommandId);

    /// <summary>Takes a saga's step into the VRM's: its events recorded (and applied) in order, its commands to the hosts' agents.</summary>
    private void Merge(Decision decision, MigrationSaga saga, Step step)
    {
        foreach (var @event in step.Events)
        {
            var changed = (MigrationPhaseChanged)@event;
            decision.Record(changed, _ => AfterPhaseChange(decision, saga, changed));
        }

        foreach (var outbound in step.Messages)
        {
            if (outbound.To.Ref is MigrationHostPeer host)
            {
                channel.SendWhenHeard(decision, host.Host, (IHostCommand)outbound.Message);
            }
            else
            {
                decision.Step.Send(outbound.To, outbound.Message);
            }
        }

        foreach (var timer in step.Timers)
        {
            decision.Step.Schedule(timer);
        }

        if (step.Unhandled is { } unhandled)
        {
            decision.Step.ReportUnhandled(unhandled);
        }

        if (step.StopRequested)
        {
            _live.Remove(saga.Id);
        }
    }

    private void AfterPhaseChange(Decision decision, MigrationSaga saga, MigrationPhaseChanged changed)
    {
        if (changed.To == MigrationPhase.Completed)
        {
            // A completed move whose VM went down (its host died during a pivot) reaches HA once the move is applied.
            decision.RecordAll(saga.CompletionEvents(decision.Now), () =>
            {
                if (changed.VmDown)
                {
                    HandToHa(decision, saga);
                }
                else
                {
                    AdmitWaiting(decision);
                }
            });
        }
        else if (changed.VmDown)
        {
            HandToHa(decision, saga);
        }
        else if (changed.To is MigrationPhase.RolledBack or MigrationPhase.Failed)
        {
            AdmitWaiting(decision);
        }
    }

    /// <summary>
    /// The VM runs nowhere: HA restarts it with its lease check, then the queue moves on. On a Faulty source HA's
    /// failed-host path takes it; on a live source (which holds only a paused copy) it is a crashed guest.
    /// </summary>
    private void HandToHa(Decision decision, MigrationSaga saga)
    {
        if (Inventory.Vm(saga.Vm) is { PowerState: VmPowerState.Running, Host: { } host } vm && Inventory.Host(host)?.State is HostState.Normal or HostState.EnteringMaintenance)
        {
            decision.Record(new VmPowerStateChanged(vm.VmId, VmPowerState.Running, VmPowerState.Crashed, vm.Incarnation), _ =>
            {
                ha.Evaluate(decision);
                AdmitWaiting(decision);
            });
            return;
        }

        ha.Evaluate(decision);
        AdmitWaiting(decision);
    }

    private MigrationView View(OpenMigration migration)
    {
        _live.TryGetValue(migration.Admitted.MigrationId, out var saga);
        var progress = saga?.Progress;
        var admitted = migration.Admitted;
        return new MigrationView(
            admitted.MigrationId,
            admitted.VmId,
            admitted.Source,
            admitted.Target,
            migration.Phase,
            admitted.Reason,
            admitted.At,
            migration.LastChange,
            progress?.Passes,
            progress?.RemainingMb,
            progress?.DirtyRateMiBPerSecond,
            progress?.ThrottlePercent,
            DowntimeMs: migration.DowntimeMs,
            TotalMs: migration.TotalMs,
            Kind: admitted.Kind,
            FromDatastore: admitted.FromDatastore,
            Datastore: admitted.Datastore,
            MirrorRemainingMb: saga?.MirrorProgress?.RemainingMb ?? saga?.CopyProgress?.RemainingMb);
    }
}
