using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// What the simulated guests do that a migration feels: how fast each one dirties its memory. It belongs to the guest,
/// not to a host, so it follows a VM wherever it runs; the simulation sets it, a real backend measures it.
/// </summary>
public sealed class GuestWorkloads
{
    private readonly Dictionary<VmId, double> _dirtyRates = [];

    /// <summary>Page-granular MiB/s, as QEMU counts dirty pages; <see cref="PreCopyParameters.DefaultDirtyRateMibPerSecond"/> unless set.</summary>
    public double DirtyRateOf(VmId vm) => _dirtyRates.GetValueOrDefault(vm, PreCopyParameters.DefaultDirtyRateMibPerSecond);

    public void SetDirtyRate(VmId vm, double mibPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mibPerSecond);
        _dirtyRates[vm] = mibPerSecond;
    }
}
