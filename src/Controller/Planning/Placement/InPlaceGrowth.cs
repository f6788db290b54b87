using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Placement;

/// <summary>
/// Whether a running VM may grow where it is (hot-add, disk growth, a larger CPU reservation): its host must have room
/// for the grown VM once the VM's present footprint is released, counted as placement counts it (every VM holding
/// resources there and every open migration's reservation), and its datastores room for the grown disks. The checks of
/// where a VM may go (rules, CPU baseline, reach) are left out: the VM is already there.
/// </summary>
public static class InPlaceGrowth
{
    private static readonly HashSet<RefusalReason> RoomReasons =
    [
        RefusalReason.HostFailed,
        RefusalReason.HostNotNormal,
        RefusalReason.NumaMisfit,
        RefusalReason.InsufficientMemory,
        RefusalReason.InsufficientCpu,
        RefusalReason.DatastoreFull,
    ];

    /// <summary>Why <paramref name="host"/> cannot hold <paramref name="vm"/> grown to <paramref name="grown"/>; empty when it can.</summary>
    public static IReadOnlyList<HostRefusal> Refusals(ClusterSnapshot snapshot, VmId vm, VmSpec grown, HostId host)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(grown);
        var workspace = new PlacementWorkspace(snapshot, new HashSet<HostId>(), new HashSet<VmId> { vm });
        var index = Enumerable.Range(0, workspace.HostCount).FirstOrDefault(h => workspace.HostAt(h) == host, -1);
        if (index < 0)
        {
            return [new HostRefusal(host, RefusalReason.HostFailed, "host is not in the inventory")];
        }

        var refusals = new List<HostRefusal>();
        workspace.AddRefusals(index, workspace.Require(vm, grown), refusals);
        return [.. refusals.Where(r => RoomReasons.Contains(r.Reason))];
    }
}
