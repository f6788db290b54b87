using Cluster.Controller.Migration;
using Cluster.Controller.Planning.Placement;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Controller.Vrm.Ha;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// The VRM's side of live migration: it admits a move (target chosen by placement or checked, resources reserved),
/// hosts one <see cref="MigrationSaga"/> per open migration, routes hosts' answers, timers, host failures and reports
/// to it, and records its events in the VRM's journal. A completed saga moves the VM in the inventory; one that ended
/// with the VM down hands it to HA in the same step.
/// </summary>
public sealed class VrmMigrations(VrmState state, VrmSettings settings, HostChannel channel, HaRestarts ha)
{
    private readonly Dictionary<MigrationId, MigrationSaga> _live = [];

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
    }

    public void OnMigrate(Decision decision, MigrateVm migrate)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(migrate);
        if (Refusal(migrate, out var vm, out var target) is { } refusal)
        {
            decision.Reply(refusal);
            return;
        }

        var sender = decision.From;
        var kind = MigrationKindAdmission.KindOf(migrate, vm!);
        var admitted = new MigrationAdmitted(MigrationId.From($"mig-{Book.EverAdmitted + 1:D4}"), vm!.VmId, vm.Host!.Value, target, vm.Incarnation, migrate.Reason, decision.Now, kind, migrate.Datastore, migrate.Datastore is null ? null : vm.Spec.PrimaryDatastore);
        decision.Record(admitted, _ =>
        {
            var saga = NewSaga(admitted, vm.Spec);
            _live[saga.Id] = saga;
            Merge(decision, saga, saga.Start(decision.Now));
            decision.Step.Send(sender, View(Book.Find(admitted.MigrationId)!));
        });
    }

    /// <summary>Hands an input addressed to one migration (a host's answer, its timer, a cancel) to its saga.</summary>
    public void Route(Decision decision, MigrationId id, object input)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_live.TryGetValue(id, out var saga))
        {
            Merge(decision, saga, saga.Decide(input, decision.From, decision.Now));
        }
        else if (input is MigrationCancelRequested)
        {
            decision.Reply(Book.Find(id) is { } ended
                ? new MigrationCancelAnswer(id, false, $"the migration has ended: {ended.Phase}")
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

    public MigrationList List() => new([.. Book.All.Select(View)]);

    public object Get(MigrationId id) => Book.Find(id) is { } migration ? View(migration) : AdminFailure.NotFound("migrationId", $"migration {id}");

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
            decision.Record(saga.CompletionEvent(decision.Now), _ =>
            {
                if (changed.VmDown)
                {
                    HandToHa(decision, saga);
                }
            });
        }
        else if (changed.VmDown)
        {
            HandToHa(decision, saga);
        }
    }

    /// <summary>
    /// The VM runs nowhere: HA restarts it with its lease check. On a Faulty source HA's failed-host path takes it; on a
    /// live source (which holds only a paused copy) it is a crashed guest.
    /// </summary>
    private void HandToHa(Decision decision, MigrationSaga saga)
    {
        if (Inventory.Vm(saga.Vm) is { PowerState: VmPowerState.Running, Host: { } host } vm && Inventory.Host(host)?.State == HostState.Normal)
        {
            decision.Record(new VmPowerStateChanged(vm.VmId, VmPowerState.Running, VmPowerState.Crashed, vm.Incarnation), _ => ha.Evaluate(decision));
            return;
        }

        ha.Evaluate(decision);
    }

    private object? Refusal(MigrateVm migrate, out InventoryVm? vm, out HostId target)
    {
        target = default;
        vm = Inventory.Vm(migrate.VmId);
        if (vm is null)
        {
            return AdminFailure.NotFound("vmId", $"VM {migrate.VmId}");
        }

        if (MigrationKindAdmission.Refusal(state, settings.DatastoreOvercommit, vm, migrate) is { } kindRefusal)
        {
            return kindRefusal;
        }

        if (vm.PowerState != VmPowerState.Running || vm.Host is not { } source)
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId} is {vm.PowerState}; only a running VM is moved live");
        }

        if (Book.OpenFor(vm.VmId) is { } open)
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId} is already migrating ({open.Admitted.MigrationId}, {open.Phase})");
        }

        if (Inventory.Host(source)?.State != HostState.Normal)
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId}'s host {source} is {Inventory.Host(source)?.State}; a VM is moved only from a Normal host");
        }

        if (Book.Open.Count >= settings.MaxConcurrentMigrations)
        {
            return AdminFailure.Conflict("vmId", $"{Book.Open.Count} migrations are open, the most the cluster runs at once ({settings.MaxConcurrentMigrations}); try again when one ends");
        }

        if (Book.Open.Count(m => m.Admitted.Source == source) >= settings.MaxOutboundMigrationsPerHost)
        {
            return AdminFailure.Conflict("vmId", $"{settings.MaxOutboundMigrationsPerHost} migrations are already leaving {source}, the most a host sends at once; try again when one ends");
        }

        if (migrate.Datastore is not null)
        {
            // A storage migration keeps the VM on its host: nothing to place, nothing to reserve there.
            target = source;
            return null;
        }

        if (migrate.Host is { } wanted && wanted == source)
        {
            return AdminFailure.Invalid([new FieldError("host", $"VM {vm.VmId} already runs on {source}")]);
        }

        if (migrate.Host is { } named && Inventory.Host(named) is null)
        {
            return AdminFailure.NotFound("host", $"host {named}");
        }

        var placement = PlacementPlanner.Place(Candidates(source, migrate.Host), vm.VmId, vm.Spec);
        if (placement.Host is not { } chosen)
        {
            var reasons = string.Join("; ", placement.Refusals.Where(r => r.Host != source).Select(r => $"{r.Host}: {r.Detail}"));
            return AdminFailure.Conflict(migrate.Host is null ? "vmId" : "host", $"no host can take VM {vm.VmId}: {(reasons.Length > 0 ? reasons : "no other Normal host")}");
        }

        target = chosen;
        return null;
    }

    /// <summary>The planners' view with only the hosts a move may go to Normal: never the source, only the named host if one is.</summary>
    private ClusterSnapshot Candidates(HostId source, HostId? only)
    {
        var snapshot = state.PlanningSnapshot(settings.DatastoreOvercommit);
        var hosts = snapshot.Hosts.Select(h => h.Id == source || (only is { } named && h.Id != named) ? h with { State = HostState.Maintenance } : h);
        return new ClusterSnapshot(hosts, snapshot.Vms, snapshot.Rules, snapshot.DatastoreCapacityGb, Book.Reservations(Inventory));
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
            admitted.Kind,
            admitted.FromDatastore,
            admitted.Datastore,
            saga?.MirrorProgress?.RemainingMb);
    }
}
