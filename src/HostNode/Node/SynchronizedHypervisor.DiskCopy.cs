using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Node;

/// <summary>A cold migration's disk copy, under the same lock as every other call.</summary>
public sealed partial class SynchronizedHypervisor
{
    public string? CopyDisks(VmId vm, VmSpec spec, DatastoreId datastore, double rateMibPerSecond, DateTimeOffset now) =>
        Locked(() => inner.CopyDisks(vm, spec, datastore, rateMibPerSecond, now));

    public DiskCopyStatus? QueryDiskCopy(VmId vm, DateTimeOffset now) => Locked(() => inner.QueryDiskCopy(vm, now));

    public string? CancelDiskCopy(VmId vm) => Locked(() => inner.CancelDiskCopy(vm));
}
