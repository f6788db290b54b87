using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>A running guest as the hypervisor defines it: enough to find it running again after the agent restarts.</summary>
public sealed record KeptGuest(VmId Vm, VmSpec Spec, long Incarnation);
