using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>Brings the running instance of that incarnation to <paramref name="Spec"/> in place (<see cref="IHypervisor.HotReconfigure"/>).</summary>
public sealed record HotReconfigureGuest(VmId Vm, long Incarnation, VmSpec Spec) : HypervisorOperation(Vm);
