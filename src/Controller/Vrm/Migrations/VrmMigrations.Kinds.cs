using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>What a request of any kind becomes if it is admitted now: <see cref="Admitted"/>, or why it waits, or why it never can be.</summary>
public sealed record KindAdmission(MigrationAdmitted? Admitted, string? Wait, AdminFailure? Never)
{
    public static KindAdmission Now(MigrationAdmitted admitted) => new(admitted, null, null);

    public static KindAdmission WaitFor(string reason) => new(null, reason, null);

    public static KindAdmission NeverBecause(AdminFailure failure) => new(null, null, failure);
}

/// <summary>
/// Admission by kind, one path for a request asked now and one waiting in the queue. A live or shared-nothing move is
/// placed on its target with every reservation counted (the target reserves CPU and memory; a shared-nothing move's new
/// datastore counts the copy, <see cref="MigrationBook.WithDiskCopies"/>). A storage migration keeps the VM on its host:
/// nothing to place, only the limits. A cold migration's disks are copied by a Normal host that reaches the VM's
/// datastores and the new one, the least busy with migrations first, then by id; it reserves nothing on the host (the VM
/// runs nowhere). The datastore checks of <see cref="MigrationKindAdmission"/> are made again at admission, since space
/// may have gone while the request waited.
/// </summary>
public sealed partial class VrmMigrations
{
    private KindAdmission Admission(MigrationRequested request, InventoryVm vm, DateTimeOffset now)
    {
        if (request.Datastore is { } datastore && MigrationKindAdmission.Refusal(state, settings.DatastoreOvercommit, vm, new MigrateVm(vm.VmId, request.Target, Datastore: datastore)) is { } refusal)
        {
            return KindAdmission.NeverBecause(refusal);
        }

        return request.Kind switch
        {
            MigrationKind.Storage => _admission.LimitReached(vm, request.Source) is { } limit
                ? KindAdmission.WaitFor(limit)
                : KindAdmission.Now(new MigrationAdmitted(request.MigrationId, vm.VmId, request.Source, request.Source, vm.Incarnation, request.Reason, now, Kind: MigrationKind.Storage, Datastore: request.Datastore, FromDatastore: vm.Spec.PrimaryDatastore)),
            MigrationKind.Cold => ColdAdmission(request, vm, now),
            _ => PlacedAdmission(request, vm, now),
        };
    }

    private KindAdmission PlacedAdmission(MigrationRequested request, InventoryVm vm, DateTimeOffset now)
    {
        var outcome = _admission.Check(vm, request.Source, request.Target);
        if (outcome.Never is { } never)
        {
            return KindAdmission.NeverBecause(AdminFailure.Conflict(request.Target is null ? "vmId" : "host", never));
        }

        return outcome.Target is { } target
            ? KindAdmission.Now(new MigrationAdmitted(request.MigrationId, vm.VmId, request.Source, target, request.SourceIncarnation, request.Reason, now, vm.NextIncarnation, request.Kind, request.Datastore, request.Datastore is null ? null : vm.Spec.PrimaryDatastore))
            : KindAdmission.WaitFor(outcome.Wait!);
    }

    private KindAdmission ColdAdmission(MigrationRequested request, InventoryVm vm, DateTimeOffset now)
    {
        var datastore = request.Datastore!.Value;
        if (Copier(vm, datastore) is not { } copier)
        {
            return KindAdmission.NeverBecause(NoCopier(vm, datastore));
        }

        return _admission.LimitReached(vm, copier) is { } limit
            ? KindAdmission.WaitFor(limit)
            : KindAdmission.Now(new MigrationAdmitted(request.MigrationId, vm.VmId, copier, copier, vm.Incarnation, request.Reason, now, Kind: MigrationKind.Cold, Datastore: datastore, FromDatastore: vm.Spec.PrimaryDatastore));
    }

    private static AdminFailure NoCopier(InventoryVm vm, DatastoreId datastore)
    {
        var from = string.Join(", ", vm.Spec.Disks.Select(d => d.Datastore).Distinct());
        return AdminFailure.Conflict("datastore", $"no Normal host reaches both {from} and {datastore} to copy VM {vm.VmId}'s disks");
    }

    /// <summary>The host to copy a stopped VM's disks: Normal, reaching every datastore involved, the fewest migrations first.</summary>
    private HostId? Copier(InventoryVm vm, DatastoreId datastore)
    {
        var needed = vm.Spec.Disks.Select(d => d.Datastore).Append(datastore).Distinct().ToList();
        return Inventory.Hosts
            .Where(h => h.State == HostState.Normal && needed.All(h.HealthyDatastores.Contains))
            .OrderBy(h => Book.Open.Count(m => m.Admitted.Source == h.HostId || m.Admitted.Target == h.HostId))
            .ThenBy(h => h.HostId.Value, StringComparer.Ordinal)
            .Select(h => (HostId?)h.HostId)
            .FirstOrDefault();
    }
}
