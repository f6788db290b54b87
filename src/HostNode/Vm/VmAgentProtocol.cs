using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>One running instance of a VM, as the hypervisor reports it.</summary>
public readonly record struct VmInstance(VmId Vm, long Incarnation);

/// <summary>Start the VM for <paramref name="ReplyTo"/>, once its write-lease is taken.</summary>
public sealed record StartVmRequested(StartVm Command, Peer ReplyTo);

/// <summary>
/// The host-wide renew tick: renew the lease, unless the guest no longer runs (then give the lease back),
/// and fence if the lease could already have expired. <paramref name="RunningGuests"/> is read once per tick.
/// </summary>
public sealed record RenewLease(IReadOnlySet<VmInstance> RunningGuests);

/// <summary>Fence now if the lease could already have expired (another VM's renewal answer just arrived).</summary>
public sealed record CheckFence
{
    public static readonly CheckFence Instance = new();
}

/// <summary>The VM was stopped or deleted cleanly: release its lease so HA need not wait for expiry.</summary>
public sealed record ReleaseLease
{
    public static readonly ReleaseLease Instance = new();
}

/// <summary>The instance of that incarnation was killed as stale: forget its lease without releasing it.</summary>
public sealed record ForgetIncarnation(long Incarnation);

/// <summary>Agent to its CNA: the start command is done; the CNA answers the controller and reports at once.</summary>
public sealed record VmCommandFinished(Peer ReplyTo, long CommandId, string? Refusal);

/// <summary>The context a VM agent attaches to its acquire and start effects; the fencing deadline counts from <paramref name="AcquireStartedAt"/>.</summary>
public sealed record LeasedStart(StartVm Command, Peer ReplyTo, DateTimeOffset AcquireStartedAt);
