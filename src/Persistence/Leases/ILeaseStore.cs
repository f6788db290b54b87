namespace Cluster.Persistence;

/// <summary>
/// Leases with fencing epochs; expiry is judged by the store's own TimeProvider. Every operation is one atomic
/// compare-and-set, so two racing acquirers never both win.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes the lease if it is free, expired, or already held (unexpired) by <paramref name="holder"/>; returns null otherwise.
    /// A new tenure (no row, or the previous one expired or released, or another holder) gets epoch + 1; extending a
    /// live tenure of the same holder keeps the epoch.
    /// </summary>
    Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease only if holder and epoch still match and it has not expired; null otherwise.</summary>
    Task<Lease?> TryRenewAsync(string name, string holder, long epoch, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>The lease row as stored (possibly expired), or null if it was never acquired.</summary>
    Task<Lease?> ReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the tenure (expires it now) if holder and epoch match. The row is kept so the next epoch is still higher.
    /// </summary>
    Task<bool> ReleaseAsync(string name, string holder, long epoch, CancellationToken cancellationToken = default);
}
