using Cluster.Messages;

namespace Cluster.Controller.Vrm.Vms;

/// <summary>
/// Each disk's datastore must exist, and the VM's disks on it must fit its provisionable capacity even on an empty
/// datastore: such a VM could never be started, so it is refused at create rather than at every start.
/// </summary>
public static class DatastoreCapacity
{
    public static void AddErrors(Inventory inventory, double overcommit, IReadOnlyList<VmDisk> disks, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(disks);
        ArgumentNullException.ThrowIfNull(errors);
        var needGb = new Dictionary<DatastoreId, long>();
        var reported = new HashSet<DatastoreId>();
        for (var i = 0; i < disks.Count; i++)
        {
            if (disks[i]?.Datastore.Value is null)
            {
                continue;
            }

            if (inventory.Datastore(disks[i].Datastore) is not { } datastore)
            {
                errors.Add(new FieldError($"disks[{i}].datastore", $"no datastore '{disks[i].Datastore}'"));
                continue;
            }

            needGb[datastore.DatastoreId] = needGb.GetValueOrDefault(datastore.DatastoreId) + disks[i].SizeGb;
            var capacityGb = Inventory.ProvisionableGb(datastore, overcommit);
            if (needGb[datastore.DatastoreId] > capacityGb && reported.Add(datastore.DatastoreId))
            {
                errors.Add(new FieldError(
                    $"disks[{i}].sizeGb",
                    $"the VM's disks on {datastore.DatastoreId} need {needGb[datastore.DatastoreId]} GB, more than it can provision ({capacityGb} GB: {datastore.CapacityGb} GB capacity, overcommit {overcommit.ToString(System.Globalization.CultureInfo.InvariantCulture)})"));
            }
        }
    }
}
