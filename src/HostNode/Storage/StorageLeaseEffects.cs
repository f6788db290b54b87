using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.HostNode.Storage;

/// <summary>
/// An effect: take the VM's write-lease before it starts. <paramref name="StartedAt"/> is when the attempt began,
/// which is where the fencing deadline counts from; <paramref name="Context"/> is echoed back in the answer.
/// </summary>
public sealed record AcquireStorageLease(DatastoreId Datastore, VmId Vm, long Incarnation, DateTimeOffset StartedAt, object? Context);

/// <summary>Answers <see cref="AcquireStorageLease"/>: the store's verdict, or why the store could not be asked.</summary>
public sealed record StorageLeaseAcquired(AcquireStorageLease Request, AcquireResult? Result, string? Error);

/// <summary>An effect: renew a held lease; the attempt began at <paramref name="StartedAt"/>.</summary>
public sealed record RenewStorageLease(DatastoreId Datastore, VmId Vm, long Incarnation, DateTimeOffset StartedAt);

public sealed record StorageLeaseRenewed(RenewStorageLease Request, RenewalOutcome Outcome);

/// <summary>
/// An effect, best effort: a release that does not arrive only makes the next start wait for expiry. Without a
/// <paramref name="Context"/> it has no answer; with one it is answered by <see cref="StorageLeaseReleased"/>, for a
/// decider that must not go on before the lease is free (a migration's switch-over).
/// </summary>
public sealed record ReleaseStorageLease(DatastoreId Datastore, VmId Vm, long Incarnation, object? Context = null);

/// <summary>Answers a <see cref="ReleaseStorageLease"/> that has a context: null <paramref name="Error"/> when the store took the release.</summary>
public sealed record StorageLeaseReleased(ReleaseStorageLease Request, string? Error);

/// <summary>An effect: check that each datastore answers over the storage path.</summary>
public sealed record ProbeDatastores(IReadOnlyList<DatastoreId> Datastores);

public sealed record DatastoresProbed(IReadOnlyList<DatastoreHealth> Health);

/// <summary>One datastore's health as its own actor probed it; the CNA keeps the latest per datastore.</summary>
public sealed record DatastoreProbed(DatastoreHealth Health);
