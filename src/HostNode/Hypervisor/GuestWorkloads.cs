using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// What the simulated guests do that a migration feels: how fast each one dirties its memory and writes its disks. It belongs to the guest,
/// not to a host, so it follows a VM wherever it runs; the simulation sets it, a real backend measures it.
/// </summary>
public sealed class GuestWorkloads
{
    /// <summary>A guest's disk writes unless set: a light server's, well under any mirror's copy rate.</summary>
    public const double DefaultDiskWriteMibPerSecond = 2;

    private readonly Dictionary<VmId, double> _dirtyRates = [];
    private readonly Dictionary<VmId, double> _diskWriteRates = [];

    /// <summary>Page-granular MiB/s, as QEMU counts dirty pages; <see cref="PreCopyParameters.DefaultDirtyRateMibPerSecond"/> unless set.</summary>
    public double DirtyRateOf(VmId vm) => _dirtyRates.GetValueOrDefault(vm, PreCopyParameters.DefaultDirtyRateMibPerSecond);

    public void SetDirtyRate(VmId vm, double mibPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mibPerSecond);
        _dirtyRates[vm] = mibPerSecond;
    }

    /// <summary>MiB/s of disk granules the guest dirties, as a mirror counts them; <see cref="DefaultDiskWriteMibPerSecond"/> unless set.</summary>
    public double DiskWriteRateOf(VmId vm) => _diskWriteRates.GetValueOrDefault(vm, DefaultDiskWriteMibPerSecond);

    public void SetDiskWriteRate(VmId vm, double mibPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mibPerSecond);
        _diskWriteRates[vm] = mibPerSecond;
    }
}
