using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;

namespace Cluster.HostNode.Node;

/// <summary>
/// What outlives every actor system of this process: the hypervisor with its running VMs, the storage-lease store
/// (inside <see cref="Cna"/>), the ledger of leases held and the highest epoch seen. A system built after a downing
/// gets the same ones.
/// </summary>
public sealed record HostMachine(CnaSettings Cna, IHypervisor Hypervisor, LeaseLedger Leases)
{
    /// <summary>The highest controller epoch seen by any of this process's CNAs.</summary>
    public EpochMemory Epochs { get; } = new();

    /// <summary>Set when the controller refused this node for good: the process exits instead of rejoining.</summary>
    public NodeExit Exit { get; } = new();

    public int RunningVms => Hypervisor.Report().Count(r => r.PowerState == Messages.VmPowerState.Running);
}
