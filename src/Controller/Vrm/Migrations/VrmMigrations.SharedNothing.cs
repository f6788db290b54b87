using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// Admitting a shared-nothing move (host and datastore at once): the named target is checked by placement, with every
/// reservation counted, as for a live move, and its CPU and memory are reserved there; the new datastore counts the copy
/// (<see cref="MigrationBook.WithDiskCopies"/>). Like a storage migration it does not wait in the queue (a queued request
/// names no datastore): one that would have to wait is refused, to be asked again.
/// </summary>
public sealed partial class VrmMigrations
{
    private void AdmitSharedNothing(Decision decision, MigrateVm migrate, InventoryVm vm, MigrationId id, DatastoreId datastore, Peer sender)
    {
        var source = vm.Host!.Value;
        var outcome = _admitting ? AdmissionOutcome.WaitFor("another migration is being admitted") : _admission.Check(vm, source, migrate.Host);
        if (outcome.Never is { } never)
        {
            decision.Reply(AdminFailure.Conflict("host", never));
            return;
        }

        if (outcome.Target is not { } target)
        {
            decision.Reply(AdminFailure.Conflict("vmId", $"{outcome.Wait}; a move to another host and datastore does not wait in the queue yet, ask again when one ends"));
            return;
        }

        Admit(decision, new MigrationAdmitted(id, vm.VmId, source, target, vm.Incarnation, migrate.Reason, decision.Now, vm.NextIncarnation, MigrationKind.SharedNothing, datastore, vm.Spec.PrimaryDatastore), sender);
    }
}
