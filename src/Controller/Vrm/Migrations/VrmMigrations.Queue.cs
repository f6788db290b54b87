using Cluster.Controller.Migration;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// The queue side of <see cref="VrmMigrations"/>: a request of any kind (live, storage, shared-nothing, cold) that can
/// never be admitted is refused at once; one that passes a limit waits (<see cref="MigrationRequested"/>) and is admitted, in priority order then first come first
/// served, when room frees up, or dropped when its VM or named target is no longer there for it. Placement and the
/// reservation happen only at admission.
/// </summary>
public sealed partial class VrmMigrations
{
    public const string CancelledBeforeAdmission = "cancelled by the operator before admission";

    // An admission or drop is recorded and not yet applied: the queue moves on from its callback, so that two callers
    // in one step never admit the same request twice nor count limits without it.
    private bool _admitting;

    public void OnMigrate(Decision decision, MigrateVm migrate)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(migrate);
        if (Refusal(migrate) is { } refusal)
        {
            decision.Reply(refusal);
            return;
        }

        var vm = Inventory.Vm(migrate.VmId)!;
        var kind = MigrationKindAdmission.KindOf(migrate, vm);
        var source = kind == MigrationKind.Cold ? Copier(vm, migrate.Datastore!.Value) : vm.Host;
        if (source is null)
        {
            decision.Reply(NoCopier(vm, migrate.Datastore!.Value));
            return;
        }

        var sender = decision.From;
        var id = MigrationId.From($"mig-{Book.EverNumbered + 1:D4}");
        var request = new MigrationRequested(id, vm.VmId, source.Value, vm.Incarnation, migrate.Host, migrate.Reason, migrate.Priority, decision.Now, kind, migrate.Datastore);
        var admission = Admission(request, vm, decision.Now);
        if (admission.Never is { } never)
        {
            decision.Reply(never);
            return;
        }

        if (admission.Admitted is { } admitted && !_admitting)
        {
            Admit(decision, admitted, sender);
            return;
        }

        decision.Record(request, _ => decision.Step.Send(sender, View(Book.FindRequest(id)!)));
    }

    /// <summary>
    /// Moves the queue on: drops the first request that can no longer be admitted, or admits the first that can now, and
    /// goes on once that is applied. Called whenever room may have freed up or a request's VM or target changed.
    /// </summary>
    public void AdmitWaiting(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_admitting)
        {
            return;
        }

        foreach (var queued in Book.Queue)
        {
            var request = queued.Request;
            var vm = Inventory.Vm(request.VmId);
            var why = WhyDropped(request, vm);
            KindAdmission? admission = null;
            if (why is null)
            {
                admission = Admission(request, vm!, decision.Now);
                why = admission.Never?.Error.Message;
            }

            if (why is not null)
            {
                _admitting = true;
                decision.Record(new MigrationPhaseChanged(request.MigrationId, MigrationPhase.Requested, MigrationPhase.Failed, why), _ =>
                {
                    _admitting = false;
                    AdmitWaiting(decision);
                });
                return;
            }

            if (admission!.Admitted is { } admitted)
            {
                Admit(decision, admitted, null);
                return;
            }
        }
    }

    private void Admit(Decision decision, MigrationAdmitted admitted, Peer? answer)
    {
        _admitting = true;
        var spec = Inventory.Vm(admitted.VmId)!.Spec;
        decision.Record(admitted, _ =>
        {
            _admitting = false;
            var saga = NewSaga(admitted, spec);
            _live[saga.Id] = saga;
            Merge(decision, saga, saga.Start(decision.Now));
            if (answer is { } sender)
            {
                decision.Step.Send(sender, View(Book.Find(admitted.MigrationId)!));
            }

            AdmitWaiting(decision);
        });
    }

    /// <summary>
    /// Queues moves for an evacuation, each to the target its plan chose, then moves the queue on; <paramref name="after"/>
    /// runs once they are all applied.
    /// </summary>
    public void RequestAll(Decision decision, IReadOnlyList<(InventoryVm Vm, HostId Target)> moves, string reason, MigrationPriority priority, Action after)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(after);
        var events = moves.Select((m, i) => (IWireMessage)new MigrationRequested(
            MigrationId.From($"mig-{Book.EverNumbered + i + 1:D4}"), m.Vm.VmId, m.Vm.Host!.Value, m.Vm.Incarnation, m.Target, reason, priority, decision.Now)).ToList();
        decision.RecordAll(events, () =>
        {
            after();
            AdmitWaiting(decision);
        });
    }

    /// <summary>Drops every waiting request <paramref name="which"/> picks, with <paramref name="why"/>.</summary>
    public void DropQueued(Decision decision, Func<MigrationRequested, bool> which, string why)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(which);
        foreach (var queued in Book.Queue.Where(q => which(q.Request)).ToList())
        {
            decision.Record(new MigrationPhaseChanged(queued.Request.MigrationId, MigrationPhase.Requested, MigrationPhase.Failed, why));
        }
    }

    private void CancelQueued(Decision decision, RequestedMigration queued)
    {
        var sender = decision.From;
        var id = queued.Request.MigrationId;
        decision.Record(new MigrationPhaseChanged(id, MigrationPhase.Requested, MigrationPhase.Failed, CancelledBeforeAdmission), _ =>
            decision.Step.Send(sender, new MigrationCancelAnswer(id, true, CancelledBeforeAdmission)));
    }

    /// <summary>Why a waiting request can no longer be admitted at all: its VM is gone, not running, restarted, or its named target left Normal.</summary>
    private string? WhyDropped(MigrationRequested request, InventoryVm? vm)
    {
        if (vm is null)
        {
            return $"VM {request.VmId} was deleted while its migration waited";
        }

        if (request.Kind == MigrationKind.Cold)
        {
            return vm.PowerState == VmPowerState.Stopped ? null : $"VM {vm.VmId} is {vm.PowerState}; its disks were to move while it was stopped";
        }

        if (vm.PowerState != VmPowerState.Running)
        {
            return $"VM {vm.VmId} is {vm.PowerState}; only a running VM is moved live";
        }

        if (vm.Host != request.Source || vm.Incarnation != request.SourceIncarnation)
        {
            return $"VM {vm.VmId} was restarted (now {vm.Host} #{vm.Incarnation}) while its migration from {request.Source} waited";
        }

        if (Inventory.Host(request.Source)?.State is not { } sourceState || !CanLeave(sourceState))
        {
            return $"its host {request.Source} is {Inventory.Host(request.Source)?.State.ToString() ?? "gone"}";
        }

        return request.Target is { } target && Inventory.Host(target)?.State != HostState.Normal
            ? $"the named target {target} is {Inventory.Host(target)?.State.ToString() ?? "gone"}, no longer Normal"
            : null;
    }

    /// <summary>Why a request can never be admitted whatever frees up, or null; the limits and room are checked after.</summary>
    private AdminFailure? Refusal(MigrateVm migrate)
    {
        var vm = Inventory.Vm(migrate.VmId);
        if (vm is null)
        {
            return AdminFailure.NotFound("vmId", $"VM {migrate.VmId}");
        }

        if (MigrationKindAdmission.Refusal(state, settings.DatastoreOvercommit, vm, migrate) is { } kindRefusal)
        {
            return kindRefusal;
        }

        var cold = vm.PowerState == VmPowerState.Stopped;
        if (!cold && (vm.PowerState != VmPowerState.Running || vm.Host is null))
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId} is {vm.PowerState}; only a running VM is moved live");
        }

        if (Book.OpenFor(vm.VmId) is { } open)
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId} is already migrating ({open.Admitted.MigrationId}, {open.Phase})");
        }

        if (Book.QueuedFor(vm.VmId) is { } queued)
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId} already waits to migrate ({queued.Request.MigrationId}, {MigrationPhase.Requested})");
        }

        if (cold)
        {
            return null;
        }

        var source = vm.Host!.Value;
        if (Inventory.Host(source)?.State is not { } hostState || !CanLeave(hostState))
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId}'s host {source} is {Inventory.Host(source)?.State}; a VM is moved only from a Normal host");
        }

        if (migrate.Host is { } wanted && wanted == source)
        {
            return AdminFailure.Invalid([new FieldError("host", $"VM {vm.VmId} already runs on {source}")]);
        }

        return migrate.Host is { } named && Inventory.Host(named) is null ? AdminFailure.NotFound("host", $"host {named}") : null;
    }

    /// <summary>A VM is moved only from a host that runs it: Normal, or emptied for maintenance.</summary>
    private static bool CanLeave(HostState source) => source is HostState.Normal or HostState.EnteringMaintenance;

    private MigrationView View(RequestedMigration queued)
    {
        var request = queued.Request;
        var waiting = queued.DroppedBecause is null && Inventory.Vm(request.VmId) is { } vm ? Admission(request, vm, request.At).Wait : null;
        return new MigrationView(
            request.MigrationId,
            request.VmId,
            request.Source,
            request.Target,
            queued.DroppedBecause is null ? MigrationPhase.Requested : MigrationPhase.Failed,
            request.Reason,
            request.At,
            queued.DroppedBecause ?? (waiting is null ? "waiting for its turn" : $"waiting: {waiting}"),
            Priority: request.Priority,
            Kind: request.Kind,
            FromDatastore: request.Datastore is null ? null : Inventory.Vm(request.VmId)?.Spec.PrimaryDatastore,
            Datastore: request.Datastore);
    }
}
