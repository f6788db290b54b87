using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// The read-only half of a hypervisor, which the deciders read directly instead of asking through effects:
/// a read changes nothing, answers at once, and in the simulation is a function of the inputs already
/// decided, so reading it during a decision stays deterministic and keeps heartbeats one message long.
/// </summary>
public interface IHypervisorView
{
    IReadOnlyList<VmRuntimeReport> Report();

    Resources Used { get; }
}
