using Cluster.Controller.Vrm.Ha;

namespace Cluster.Controller.Vrm;

/// <summary>
/// What the VRM's journal determines, in one object that is also its snapshot: the inventory (hosts, VMs,
/// datastores, the alarm book) and HA's episodes. A VRM recovered from a snapshot and the events after it holds
/// the same state as one that replayed every event.
/// </summary>
public sealed class VrmState(ILogger log)
{
    public Inventory Inventory { get; private set; } = new();

    public HaEpisodes Ha { get; } = new(log);

    public InventorySnapshot ToSnapshot() => Inventory.ToSnapshotRecord() with { Ha = Ha.ToSnapshot() };

    public void Restore(InventorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Inventory = Inventory.FromSnapshot(snapshot);
        Ha.Restore(snapshot.Ha);
    }
}
