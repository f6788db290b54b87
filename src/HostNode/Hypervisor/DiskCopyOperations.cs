using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>Copies the stopped VM's disks to <paramref name="Datastore"/>, from <paramref name="At"/>.</summary>
public sealed record CopyGuestDisks(VmId Vm, VmSpec Spec, DatastoreId Datastore, double RateMibPerSecond, DateTimeOffset At) : HypervisorOperation(Vm);

/// <summary>Asks how the copy goes at <paramref name="At"/>; answered with its status (<see cref="HypervisorOperationPerformed.Result"/>).</summary>
public sealed record QueryGuestDiskCopy(VmId Vm, DateTimeOffset At) : HypervisorOperation(Vm);

public sealed record CancelGuestDiskCopy(VmId Vm) : HypervisorOperation(Vm);
