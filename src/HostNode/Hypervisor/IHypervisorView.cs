using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// The read-only half of a hypervisor, which the deciders read directly instead of asking through effects:
/// a read changes nothing, answers at once, and in the simulation is a function of the inputs already
/// decided, so reading it during a decision stays deterministic and keeps heartbeats one message long.
/// </summary>
public interface IHypervisorView
{
    /// <summary>
    /// Every VM defined on this host with its power state and incarnation. A report handed out never changes: a heartbeat
    /// keeps what it was sent with. A paused instance (a migration's incoming one, or its source once the transfer
    /// completed) is reported <see cref="VmPowerState.Stopped"/>: it runs nothing and writes nothing.
    /// </summary>
    IReadOnlyList<VmRuntimeReport> Report();

    /// <summary>
    /// What the running VMs use: their configured memory, and CPU as the backend measures it. Stopped and crashed VMs use
    /// nothing; a paused migration instance holds its memory but no CPU.
    /// </summary>
    Resources Used { get; }
}
