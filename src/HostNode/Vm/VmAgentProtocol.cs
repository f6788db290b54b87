using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

// The VM agent decider's protocol. Its own records are below; the rest is named here so the whole protocol reads in one place.
//
// Peer inputs:  from its CNA StartVmRequested, RenewLease, CheckFence, ReleaseLease, ForgetIncarnation and AdoptedLease.
// Timer inputs: none; the CNA's RenewLeases tick drives it.
// Effects:      AcquireStorageLease -> StorageLeaseAcquired, RenewStorageLease -> StorageLeaseRenewed, ReleaseStorageLease
//               (no answer; NoAnswer under Akka) (Storage/StorageLeaseEffects.cs); PerformHypervisorOperation ->
//               HypervisorOperationPerformed, to start (LeasedStart) or fence its guest (Hypervisor/HypervisorEffects.cs).
// Outputs:      VmCommandFinished to its CNA; a stop once it holds no lease and has no start under way. As a child actor
//               it reports VmAgentIdle instead of stopping, and the CNA answers with RetireAgent to its VmAgentAddress.

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

/// <summary>
/// A lease the previous incarnation of this host's agent held for a VM that still runs on the hypervisor (the node was
/// downed and rejoined): the agent takes it over as is — same datastore, holder and incarnation — and its fencing
/// deadline counts from <paramref name="LastRenewedAt"/>, the start of the last renewal the store confirmed.
/// </summary>
public sealed record AdoptedLease(VmId Vm, DatastoreId Datastore, long Incarnation, DateTimeOffset LastRenewedAt);

/// <summary>The context a VM agent attaches to its acquire and start effects; the fencing deadline counts from <paramref name="AcquireStartedAt"/>.</summary>
public sealed record LeasedStart(StartVm Command, Peer ReplyTo, DateTimeOffset AcquireStartedAt);

/// <summary>Agent to its CNA: the start command is done; the CNA answers the controller and reports at once.</summary>
public sealed record VmCommandFinished(Peer ReplyTo, long CommandId, string? Refusal);

/// <summary>
/// A child agent to its CNA: it holds no lease and starts nothing, after <paramref name="InputsHandled"/> inputs from
/// the CNA. The CNA retires it only if it has sent no more than that, so an input in flight to it is never lost.
/// </summary>
public sealed record VmAgentIdle(VmId Vm, long InputsHandled);

/// <summary>The CNA to a child agent's address: the agent is done; the runtime stops the child and forgets its name.</summary>
public sealed record RetireAgent
{
    public static readonly RetireAgent Instance = new();
}
