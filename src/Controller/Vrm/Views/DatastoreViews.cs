using Cluster.Controller.Planning.Snapshot;
using Cluster.Controller.Vrm.Hosts;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Views;

/// <summary>
/// The datastore inventory for operators: what each datastore can provision, what its VMs' disks take (all of them, and
/// those of VMs holding resources, which starts are checked against), which hosts reach it as last reported, and its VMs.
/// </summary>
public sealed class DatastoreViews(Inventory inventory, HostSessions sessions, double overcommit)
{
    public DatastoreList All() => new([.. inventory.Datastores.Select(Of)]);

    public object One(DatastoreId id) => inventory.Datastore(id) is { } datastore ? Of(datastore) : AdminFailure.NotFound("datastoreId", $"datastore {id}");

    private DatastoreView Of(DatastoreAdded datastore)
    {
        var id = datastore.DatastoreId;
        var vms = new List<DatastoreVmView>();
        long provisioned = 0, inUse = 0;
        foreach (var vm in inventory.Vms)
        {
            var disks = vm.Spec.Disks.Where(d => d.Datastore == id).ToList();
            if (disks.Count == 0)
            {
                continue;
            }

            var gb = disks.Sum(d => d.SizeGb);
            provisioned += gb;
            if (new VmSnapshot(vm.VmId, vm.Spec, vm.Host, vm.PowerState).HoldsResources)
            {
                inUse += gb;
            }

            vms.Add(new DatastoreVmView(vm.VmId, vm.Spec.Name, vm.PowerState, disks.Count, gb));
        }

        var provisionable = Inventory.ProvisionableGb(datastore, overcommit);
        return new DatastoreView(id, datastore.Name, datastore.CapacityGb, overcommit, provisionable, provisioned, inUse, Math.Max(0, provisionable - inUse), Hosts(id), vms);
    }

    private List<DatastoreHostView> Hosts(DatastoreId id) =>
        [.. inventory.Hosts
            .Where(h => h.Datastores.Contains(id))
            .Select(h => new DatastoreHostView(
                h.HostId,
                h.State,
                !h.UnreachableDatastores.Contains(id),
                sessions.Of(h.HostId)?.DatastoreHealth?.FirstOrDefault(r => r.Datastore == id && !r.Reachable)?.Problem))];
}
