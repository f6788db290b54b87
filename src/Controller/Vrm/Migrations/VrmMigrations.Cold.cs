using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// Admitting a cold migration (a stopped VM's disks to another datastore): the VRM picks the host to copy them, a Normal
/// host that reaches the VM's datastores and the new one, the least busy with migrations first, then by id. The new
/// datastore counts the copy until the saga ends; the host reserves nothing (the VM runs nowhere). Like a storage
/// migration it does not wait in the queue: over a limit it is refused, to be asked again.
/// </summary>
public sealed partial class VrmMigrations
{
    private void AdmitCold(Decision decision, MigrateVm migrate, InventoryVm vm)
    {
        if (MigrationKindAdmission.Refusal(state, settings.DatastoreOvercommit, vm, migrate) is { } refusal)
        {
            decision.Reply(refusal);
            return;
        }

        if (Book.OpenFor(vm.VmId) is { } open)
        {
            decision.Reply(AdminFailure.Conflict("vmId", $"VM {vm.VmId} is already migrating ({open.Admitted.MigrationId}, {open.Phase})"));
            return;
        }

        var datastore = migrate.Datastore!.Value;
        if (Copier(vm, datastore) is not { } copier)
        {
            var from = string.Join(", ", vm.Spec.Disks.Select(d => d.Datastore).Distinct());
            decision.Reply(AdminFailure.Conflict("datastore", $"no Normal host reaches both {from} and {datastore} to copy VM {vm.VmId}'s disks"));
            return;
        }

        var limit = _admitting ? "another migration is being admitted" : _admission.LimitReached(vm, copier);
        if (limit is not null)
        {
            decision.Reply(AdminFailure.Conflict("vmId", $"{limit}; a cold migration does not wait in the queue yet, ask again when one ends"));
            return;
        }

        var id = MigrationId.From($"mig-{Book.EverNumbered + 1:D4}");
        Admit(decision, new MigrationAdmitted(id, vm.VmId, copier, copier, vm.Incarnation, migrate.Reason, decision.Now, Kind: MigrationKind.Cold, Datastore: datastore, FromDatastore: vm.Spec.PrimaryDatastore), decision.From);
    }

    /// <summary>The host to copy the disks: Normal, reaching every datastore involved, the fewest migrations first.</summary>
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
