using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// What the CNA needs from a hypervisor: run, stop and remove VMs, and report them. The simulated one
/// is first; a libvirt backend would implement the same.
/// </summary>
public interface IHypervisor : IHypervisorView
{
    HostHardware Hardware { get; }

    /// <summary>Starts (defines and powers on) a VM; null on success, else why not.</summary>
    string? Start(VmId vm, VmSpec spec, long incarnation);

    string? Stop(VmId vm, bool graceful);

    string? Delete(VmId vm);

    /// <summary>Kills the instance with that incarnation, if it runs here.</summary>
    void KillIncarnation(VmId vm, long incarnation);

    /// <summary>Powers the VM off at once because this host may no longer write its disks; it reports as crashed.</summary>
    void Fence(VmId vm);
}
