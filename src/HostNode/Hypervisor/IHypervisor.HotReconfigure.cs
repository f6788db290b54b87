using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// Reconfiguring a running guest in place, shaped for QMP: vCPUs are added with <c>device_add</c> of CPU cores
/// (<c>query-hotpluggable-cpus</c> names the free slots), memory with <c>object-add</c> of a memory backend and
/// <c>device_add</c> of a <c>pc-dimm</c> per <see cref="VmLimits.MemoryHotAddGranularityMb"/> multiple, a disk grows with
/// <c>block_resize</c>, a NIC is added with <c>netdev_add</c> and <c>device_add</c> of a <c>virtio-net-pci</c>, and QoS is
/// the guest's cgroup (CPU weight and quota; memory's reservation is its locked, never-ballooned share).
/// </summary>
public partial interface IHypervisor
{
    /// <summary>
    /// Brings the running instance <paramref name="incarnation"/> of <paramref name="vm"/> to <paramref name="spec"/>; null once
    /// it runs so (also when it already did: asked again, it succeeds again), else why not, with nothing changed: no such
    /// instance running, a removal (fewer vCPUs, less memory, a smaller or missing disk, a NIC gone: nothing is hot-removed),
    /// memory grown by other than a multiple of the hot-add granularity, or more than the host has free (memory is not
    /// over-committed) or usable (vCPUs).
    /// </summary>
    string? HotReconfigure(VmId vm, long incarnation, VmSpec spec);
}
