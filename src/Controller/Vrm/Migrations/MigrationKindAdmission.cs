using Cluster.Controller.Planning.Placement;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// What a move asks for decides its kind (a host: live; only a datastore: storage; a stopped VM: cold; both: shared-nothing),
/// and each kind has checks of its own before the common ones. A storage migration's datastore must exist, differ from
/// where the disks are, be reachable from the VM's host, and have room for a second copy of the disks (open storage
/// migrations' copies counted, <see cref="MigrationBook.WithDiskCopies"/>); a shared-nothing move's datastore the same, and
/// its named target must reach it too. A stopped VM's move (cold) names a datastore and no host: a stopped VM runs on no
/// host (a start places it), so a host alone is refused, saying so.
/// </summary>
public static class MigrationKindAdmission
{
    public static MigrationKind KindOf(MigrateVm migrate, InventoryVm vm)
    {
        ArgumentNullException.ThrowIfNull(migrate);
        ArgumentNullException.ThrowIfNull(vm);
        return (vm.PowerState, migrate.Host, migrate.Datastore) switch
        {
            (VmPowerState.Stopped, _, _) => MigrationKind.Cold,
            (_, not null, not null) => MigrationKind.SharedNothing,
            (_, null, not null) => MigrationKind.Storage,
            _ => MigrationKind.Live,
        };
    }

    /// <summary>
    /// Why this kind of move of <paramref name="vm"/> cannot be admitted, or null to go on with the common checks. The
    /// planning snapshot (datastore overcommit <paramref name="overcommit"/>) is built only for a storage migration.
    /// </summary>
    public static AdminFailure? Refusal(VrmState state, double overcommit, InventoryVm vm, MigrateVm migrate)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(migrate);
        return KindOf(migrate, vm) switch
        {
            MigrationKind.Cold when migrate.Host is { } host => AdminFailure.Conflict("host", $"VM {vm.VmId} is Stopped: a stopped VM runs on no host, so there is nothing to move to {host}; starting it places it (vm start), and --datastore alone moves its disks (cold migration)"),
            MigrationKind.Cold when migrate.Datastore is null => AdminFailure.Conflict("vmId", $"VM {vm.VmId} is Stopped; only a running VM is moved live, and a stopped one runs on no host: name --datastore to move its disks (cold migration)"),
            MigrationKind.Cold => StorageRefusal(state.Inventory, state.PlanningSnapshot(overcommit), vm, migrate.Datastore.Value),
            MigrationKind.SharedNothing => StorageRefusal(state.Inventory, state.PlanningSnapshot(overcommit), vm, migrate.Datastore!.Value) ?? TargetRefusal(state.Inventory, vm, migrate.Host!.Value, migrate.Datastore!.Value),
            MigrationKind.Storage => StorageRefusal(state.Inventory, state.PlanningSnapshot(overcommit), vm, migrate.Datastore!.Value),
            _ => null,
        };
    }

    /// <summary>
    /// A shared-nothing target must reach the new datastore, where it will run the VM; placement checks after this that it
    /// reaches the VM's datastores now, whose lease it takes at the switch-over (docs/migration.md). An unknown host is
    /// left to the common checks, which name it.
    /// </summary>
    private static AdminFailure? TargetRefusal(Inventory inventory, InventoryVm vm, HostId target, DatastoreId datastore) =>
        inventory.Host(target) is { } host && !host.HealthyDatastores.Contains(datastore)
            ? AdminFailure.Conflict("host", $"{target} cannot reach {datastore}, where VM {vm.VmId}'s disks are to go")
            : null;

    private static AdminFailure? StorageRefusal(Inventory inventory, ClusterSnapshot snapshot, InventoryVm vm, DatastoreId datastore)
    {
        if (inventory.Datastore(datastore) is null)
        {
            return AdminFailure.NotFound("datastore", $"datastore {datastore}");
        }

        if (vm.Spec.Disks.All(d => d.Datastore == datastore))
        {
            return AdminFailure.Invalid([new FieldError("datastore", $"VM {vm.VmId}'s disks are already on {datastore}")]);
        }

        if (vm.Host is { } host && inventory.Host(host) is { } on && !on.HealthyDatastores.Contains(datastore))
        {
            return AdminFailure.Conflict("datastore", $"VM {vm.VmId}'s host {host} cannot reach {datastore}");
        }

        var needGb = vm.Spec.Disks.Where(d => d.Datastore != datastore).Sum(d => d.SizeGb);
        if (snapshot.DatastoreCapacityGb.TryGetValue(datastore, out var capacityGb))
        {
            var provisionedGb = snapshot.Vms.Where(v => v.HoldsResources).Sum(v => PlacementWorkspace.DiskGbOf(v.Spec).Where(d => d.Key == datastore).Sum(d => d.Value));
            if (provisionedGb + needGb > capacityGb)
            {
                return AdminFailure.Conflict("datastore", $"datastore {datastore} has {Math.Max(0, capacityGb - provisionedGb)} GB left to provision, VM {vm.VmId}'s disks need {needGb} GB");
            }
        }

        return null;
    }
}
