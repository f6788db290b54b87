using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>A change a decider asks of the hypervisor; <see cref="HypervisorEffectRunner"/> performs it.</summary>
public abstract record HypervisorOperation(VmId Vm);

/// <summary>Defines and powers on a VM as that incarnation.</summary>
public sealed record StartGuest(VmId Vm, VmSpec Spec, long Incarnation) : HypervisorOperation(Vm);

public sealed record StopGuest(VmId Vm, bool Graceful) : HypervisorOperation(Vm);

public sealed record DeleteGuest(VmId Vm) : HypervisorOperation(Vm);

/// <summary>Kills the instance of that incarnation only, if it runs here (a stale copy the VRM found).</summary>
public sealed record KillGuestIncarnation(VmId Vm, long Incarnation) : HypervisorOperation(Vm);

/// <summary>Powers the VM off at once because this host may no longer write its disks.</summary>
public sealed record FenceGuest(VmId Vm) : HypervisorOperation(Vm);
