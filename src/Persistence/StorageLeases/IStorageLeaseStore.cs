namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// Per-(datastore, VM) write-leases, renewed by the running host over the storage path. Each write is one
/// compare-and-set, so two racing hosts never both hold a fresh lease. Freshness is judged by the store's clock.
/// Every call may fail with <see cref="StorageUnavailableException"/> when the datastore cannot be reached: callers
/// must treat that as "unknown", never as "free".
/// </summary>
public interface IStorageLeaseStore
{
    /// <summary>
    /// Takes the lease if none exists, or re-acquires (renews) it for the same holder and incarnation, or takes it
    /// over for a strictly higher incarnation once it is expired or released. A fresh lease of anyone else is never taken.
    /// </summary>
    Task<AcquireResult> TryAcquireAsync(
        string datastoreId, string vmId, string holderHostId, long incarnation, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Renews only if the same holder and incarnation still hold a fresh lease; null otherwise (the lease is lost).</summary>
    Task<StorageLease?> RenewAsync(
        string datastoreId, string vmId, string holderHostId, long incarnation, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>The lease as stored (possibly expired or released), or null if it was never acquired.</summary>
    Task<StorageLease?> ReadAsync(string datastoreId, string vmId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the lease released if the same holder and incarnation hold it (after a clean VM stop), so it can be taken
    /// at once without waiting for expiry. The record is kept so the incarnation and counter keep growing.
    /// </summary>
    Task<bool> ReleaseAsync(string datastoreId, string vmId, string holderHostId, long incarnation, CancellationToken cancellationToken = default);
}
