using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>A running guest reconfigured in place: only additions, within the host's usable memory and vCPUs.</summary>
public sealed partial class SimulatedHypervisor
{
    public string? HotReconfigure(VmId vm, long incarnation, VmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!_vms.TryGetValue(vm, out var instance) || !instance.Is(GuestState.Running, incarnation))
        {
            return $"VM {vm} does not run here as incarnation {incarnation}";
        }

        if ((HotRemoval(instance.Spec, spec) ?? HotAddMisfit(instance.Spec, spec) ?? NoRoomFor(vm, spec)) is { } refusal)
        {
            return refusal;
        }

        instance.Spec = spec;
        Changed();
        return null;
    }

    /// <summary>What <paramref name="to"/> would take away from the running guest, which no device can give back live.</summary>
    private static string? HotRemoval(VmSpec from, VmSpec to)
    {
        if (to.Vcpus < from.Vcpus)
        {
            return $"vcpus: the guest has {from.Vcpus} vCPUs, {to.Vcpus} asked; vCPUs are not hot-removed";
        }

        if (to.MemoryMb < from.MemoryMb)
        {
            return $"memoryMb: the guest has {from.MemoryMb} MB, {to.MemoryMb} MB asked; memory is not hot-removed";
        }

        if (to.Disks.Count != from.Disks.Count)
        {
            return $"disks: the guest has {from.Disks.Count} disks, {to.Disks.Count} asked; disks are grown, not added or removed, live";
        }

        for (var i = 0; i < from.Disks.Count; i++)
        {
            if (to.Disks[i].Datastore != from.Disks[i].Datastore || to.Disks[i].SizeGb < from.Disks[i].SizeGb)
            {
                return $"disks[{i}]: the guest's disk is {from.Disks[i].SizeGb} GB on {from.Disks[i].Datastore}, {to.Disks[i].SizeGb} GB on {to.Disks[i].Datastore} asked; a disk only grows in place";
            }
        }

        var nicsBefore = from.Nics ?? [];
        var nicsAfter = to.Nics ?? [];
        return nicsAfter.Count < nicsBefore.Count || !nicsBefore.SequenceEqual(nicsAfter.Take(nicsBefore.Count))
            ? $"nics: the guest's {nicsBefore.Count} NICs must stay as they are; NICs are only added live"
            : null;
    }

    /// <summary>Memory is plugged in DIMMs of the hot-add granularity: a growth by anything else cannot be plugged.</summary>
    private static string? HotAddMisfit(VmSpec from, VmSpec to) =>
        (to.MemoryMb - from.MemoryMb) % VmLimits.MemoryHotAddGranularityMb != 0
            ? $"memoryMb: memory grows by multiples of {VmLimits.MemoryHotAddGranularityMb} MB (DIMMs), {to.MemoryMb - from.MemoryMb} MB asked"
            : null;
}
