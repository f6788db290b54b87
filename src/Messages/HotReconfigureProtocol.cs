namespace Cluster.Messages;

// VRM -> CNA: reconfigure a running VM in place (hot-add of vCPUs and memory, disk growth, NICs added, QoS). Answered
// with CommandAccepted once the hypervisor applied it, CommandRejected with the hypervisor's reason otherwise.

/// <summary>
/// Bring the running instance <paramref name="Incarnation"/> of the VM to <paramref name="Spec"/>: the whole target spec,
/// not a difference, so that a command repeated (its answer lost) or overtaken by a later one converges on one size.
/// </summary>
public sealed record HotReconfigureVm(long Epoch, long CommandId, VmId VmId, long Incarnation, VmSpec Spec) : IHostCommand;
