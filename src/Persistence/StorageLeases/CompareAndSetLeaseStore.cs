namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// Base of the backends that can hold an exclusive lock around "read the lease, decide, write it back" (memory, shared
/// directory): the rules live here once, a backend only supplies the locked read-modify-write and the plain read.
/// </summary>
public abstract class CompareAndSetLeaseStore(TimeProvider time) : IStorageLeaseStore
{
    protected TimeProvider Time { get; } = time ?? throw new ArgumentNullException(nameof(time));

    public Task<AcquireResult> TryAcquireAsync(
        string datastoreId, string vmId, string holderHostId, long incarnation, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StorageLeaseRules.Check(datastoreId, vmId, holderHostId, incarnation, ttl);
        return UpdateAsync(datastoreId, vmId, holderHostId, current =>
        {
            var now = Time.GetUtcNow();
            var refusal = StorageLeaseRules.CheckAcquire(current, holderHostId, incarnation, now);
            if (refusal is not null)
            {
                return (null, new AcquireResult(current!, refusal));
            }

            var granted = StorageLeaseRules.Granted(current, datastoreId, vmId, holderHostId, incarnation, ttl, now);
            return (granted, new AcquireResult(granted, null));
        }, cancellationToken);
    }

    public Task<StorageLease?> RenewAsync(
        string datastoreId, string vmId, string holderHostId, long incarnation, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StorageLeaseRules.Check(datastoreId, vmId, holderHostId, incarnation, ttl);
        return UpdateAsync(datastoreId, vmId, holderHostId, current =>
        {
            var now = Time.GetUtcNow();
            var renewed = StorageLeaseRules.CanRenew(current, holderHostId, incarnation, now)
                ? StorageLeaseRules.Granted(current, datastoreId, vmId, holderHostId, incarnation, ttl, now)
                : null;
            return (renewed, renewed);
        }, cancellationToken);
    }

    public Task<StorageLease?> ReadAsync(string datastoreId, string vmId, CancellationToken cancellationToken = default)
    {
        StorageLeaseRules.Check(datastoreId, vmId);
        return LoadAsync(datastoreId, vmId, cancellationToken);
    }

    public Task<bool> ReleaseAsync(string datastoreId, string vmId, string holderHostId, long incarnation, CancellationToken cancellationToken = default)
    {
        StorageLeaseRules.Check(datastoreId, vmId, holderHostId, incarnation);
        return UpdateAsync(datastoreId, vmId, holderHostId, current =>
            StorageLeaseRules.CanRelease(current, holderHostId, incarnation)
                ? (StorageLeaseRules.Release(current!), true)
                : ((StorageLease?)null, false),
            cancellationToken);
    }

    /// <summary>
    /// Under an exclusive lock on the (datastore, vm) lease: reads it, calls <paramref name="decide"/>, writes the lease it
    /// returns (if any) and returns its result. <paramref name="holderHostId"/> is the host making the call.
    /// </summary>
    protected abstract Task<T> UpdateAsync<T>(
        string datastoreId, string vmId, string holderHostId, Func<StorageLease?, (StorageLease? Write, T Result)> decide, CancellationToken cancellationToken);

    protected abstract Task<StorageLease?> LoadAsync(string datastoreId, string vmId, CancellationToken cancellationToken);
}
