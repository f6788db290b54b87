using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// What the CNA needs from a hypervisor: run, stop and remove VMs, and report them. The simulated one is first; a QEMU
/// backend implements the same, and every backend passes the conformance suite (HypervisorConformance in
/// tests/HostNode.Tests). A refusal is an answer (why not), never an exception, and a call repeated after it succeeded
/// succeeds again, since the VRM repeats a command whose answer it lost.
/// </summary>
public interface IHypervisor : IHypervisorView
{
    /// <summary>The host's hardware; VMs may use its usable share (<see cref="HostHardware.Capacity"/>).</summary>
    HostHardware Hardware { get; }

    /// <summary>
    /// Starts (defines and powers on) a VM as <paramref name="incarnation"/>; null on success, else why not. A VM already
    /// running as that incarnation is left running; as another incarnation, the start is refused. So is a start that would
    /// take the running VMs past the usable memory (memory is not over-committed), or a VM with more vCPUs than are usable.
    /// </summary>
    string? Start(VmId vm, VmSpec spec, long incarnation);

    /// <summary>Powers the VM off, cleanly or at once; it stays defined and reported as stopped. Refused for a VM not on this host.</summary>
    string? Stop(VmId vm, bool graceful);

    /// <summary>Removes a VM that does not run (refused while it runs); a VM not on this host counts as removed.</summary>
    string? Delete(VmId vm);

    /// <summary>Kills and removes the instance with that incarnation, if it is here; an instance of another incarnation is left alone.</summary>
    void KillIncarnation(VmId vm, long incarnation);

    /// <summary>Powers the VM off at once because this host may no longer write its disks; it reports as crashed.</summary>
    void Fence(VmId vm);
}
