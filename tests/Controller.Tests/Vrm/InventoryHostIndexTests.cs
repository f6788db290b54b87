using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm;

/// <summary>The per-host VM index heartbeats reconcile with must follow every placement change.</summary>
public sealed class InventoryHostIndexTests
{
    private static readonly HostId H1 = HostId.From("h-1");
    private static readonly HostId H2 = HostId.From("h-2");

    [Fact]
    public void The_index_follows_placement_stop_and_delete_in_id_order()
    {
        var inventory = new Inventory();
        foreach (var id in new[] { "vm-3", "vm-1", "vm-2" })
        {
            inventory.Apply(new VmCreated(VmId.From(id), Spec(id)));
            inventory.Apply(new VmPlaced(VmId.From(id), H1));
        }

        Assert.Equal(["vm-1", "vm-2", "vm-3"], VmsOn(inventory, H1));

        inventory.Apply(new VmPlaced(VmId.From("vm-2"), H2));
        inventory.Apply(new VmPowerStateChanged(VmId.From("vm-1"), VmPowerState.Running, VmPowerState.Stopped, 1));
        inventory.Apply(new VmDeleted(VmId.From("vm-3")));

        Assert.Empty(VmsOn(inventory, H1));
        Assert.Equal(["vm-2"], VmsOn(inventory, H2));
        Assert.Equal(1, inventory.VmCountOn(H2));
        Assert.Equal(inventory.Vms.Count(v => v.Host == H2), inventory.VmCountOn(H2));
    }

    [Fact]
    public void A_snapshot_restores_the_index()
    {
        var inventory = new Inventory();
        inventory.Apply(new VmCreated(VmId.From("vm-1"), Spec("vm-1")));
        inventory.Apply(new VmPlaced(VmId.From("vm-1"), H1));

        var restored = Inventory.FromSnapshot(inventory.ToSnapshotRecord());

        Assert.Equal(["vm-1"], VmsOn(restored, H1));
    }

    private static List<string> VmsOn(Inventory inventory, HostId host)
    {
        var vms = new List<InventoryVm>();
        inventory.CollectVmsOn(host, vms);
        return [.. vms.Select(v => v.VmId.Value)];
    }

    private static VmSpec Spec(string name) => new CreateVmRequest(name, 1, 1024, []).ToSpec();
}
