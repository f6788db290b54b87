namespace Cluster.Persistence.StorageLeases;

/// <summary>Why an acquire was refused.</summary>
public enum AcquireRefusal
{
    /// <summary>Another holder (or another incarnation) holds a fresh lease: the VM may be running there.</summary>
    HeldByAnother,

    /// <summary>The lease is free, but it was last held by an incarnation at least as high as the caller's.</summary>
    StaleIncarnation,
}

/// <summary>
/// Outcome of <see cref="IStorageLeaseStore.TryAcquireAsync"/>: on success <see cref="Lease"/> is the caller's new lease;
/// on refusal it is the lease as stored, which names who holds it.
/// </summary>
public sealed record AcquireResult(StorageLease Lease, AcquireRefusal? Refusal)
{
    public bool Acquired => Refusal is null;
}
