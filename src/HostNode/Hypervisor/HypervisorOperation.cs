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

/// <summary>Defines the VM paused as that incarnation, listening for its memory; answered with the address (<see cref="HypervisorOperationPerformed.Result"/>).</summary>
public sealed record PrepareIncomingGuest(VmId Vm, VmSpec Spec, long Incarnation) : HypervisorOperation(Vm);

/// <summary>Starts sending the running instance to <paramref name="TargetUri"/>, at <paramref name="At"/>.</summary>
public sealed record MigrateGuest(VmId Vm, long Incarnation, string TargetUri, MigrationParameters Parameters, DateTimeOffset At) : HypervisorOperation(Vm);

/// <summary>Asks how the outgoing migration goes at <paramref name="At"/>; answered with its status (<see cref="HypervisorOperationPerformed.Result"/>).</summary>
public sealed record QueryGuestMigration(VmId Vm, DateTimeOffset At) : HypervisorOperation(Vm);

public sealed record CancelGuestMigration(VmId Vm) : HypervisorOperation(Vm);

/// <summary>Resumes the paused incoming instance of that incarnation (its memory has all arrived).</summary>
public sealed record ResumeIncomingGuest(VmId Vm, long Incarnation) : HypervisorOperation(Vm);

/// <summary>Resumes the source paused by a completed migration: the migration is rolled back.</summary>
public sealed record ResumeSourceGuest(VmId Vm, long Incarnation) : HypervisorOperation(Vm);

/// <summary>Destroys the source paused by a completed migration.</summary>
public sealed record QuitSourceGuest(VmId Vm, long Incarnation) : HypervisorOperation(Vm);

/// <summary>Destroys the paused incoming instance of that incarnation.</summary>
public sealed record DiscardIncomingGuest(VmId Vm, long Incarnation) : HypervisorOperation(Vm);

/// <summary>Mirrors the running instance's disks to <paramref name="Datastore"/>, from <paramref name="At"/>.</summary>
public sealed record MirrorGuestDisks(VmId Vm, long Incarnation, DatastoreId Datastore, double? MaxSpeedMibPerSecond, DateTimeOffset At) : HypervisorOperation(Vm);

/// <summary>Asks how the disk mirror goes at <paramref name="At"/>; answered with its status (<see cref="HypervisorOperationPerformed.Result"/>).</summary>
public sealed record QueryGuestDiskMirror(VmId Vm, DateTimeOffset At) : HypervisorOperation(Vm);

/// <summary>Switches the guest to its mirrored disks.</summary>
public sealed record PivotGuestDiskMirror(VmId Vm) : HypervisorOperation(Vm);

public sealed record CancelGuestDiskMirror(VmId Vm) : HypervisorOperation(Vm);
