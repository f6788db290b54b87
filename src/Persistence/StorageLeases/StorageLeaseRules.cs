namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// The compare-and-set rules, in one place, so every backend decides the same way. The PostgreSQL backend states the
/// same rules in its WHERE clauses (and uses these to explain a refusal).
/// </summary>
internal static class StorageLeaseRules
{
    /// <summary>Null if the caller may acquire over <paramref name="current"/>, otherwise why not.</summary>
    public static AcquireRefusal? CheckAcquire(StorageLease? current, string holderHostId, long incarnation, DateTimeOffset now)
    {
        if (current is null || current.IsHeldBy(holderHostId, incarnation))
        {
            return null;
        }

        if (current.IsFreshAt(now))
        {
            return AcquireRefusal.HeldByAnother;
        }

        // A takeover needs a strictly newer run: an old run of the VM must never come back over a newer one.
        return incarnation > current.Incarnation ? null : AcquireRefusal.StaleIncarnation;
    }

    public static bool CanRenew(StorageLease? current, string holderHostId, long incarnation, DateTimeOffset now) =>
        current is not null && current.IsHeldBy(holderHostId, incarnation) && current.IsFreshAt(now);

    public static bool CanRelease(StorageLease? current, string holderHostId, long incarnation) =>
        current is not null && current.IsHeldBy(holderHostId, incarnation) && !current.Released;

    /// <summary>The lease a successful acquire or renew writes: renewed now, counter one higher.</summary>
    public static StorageLease Granted(StorageLease? current, string datastoreId, string vmId, string holderHostId, long incarnation, TimeSpan ttl, DateTimeOffset now) =>
        new(datastoreId, vmId, holderHostId, incarnation, (current?.Counter ?? 0) + 1, now, ttl, Released: false);

    public static StorageLease Release(StorageLease current) => current with { Counter = current.Counter + 1, Released = true };

    public static void Check(string datastoreId, string vmId)
    {
        Guard.NotEmpty(datastoreId);
        Guard.NotEmpty(vmId);
    }

    public static void Check(string datastoreId, string vmId, string holderHostId, long incarnation)
    {
        Check(datastoreId, vmId);
        Guard.NotEmpty(holderHostId);
        Guard.Positive(incarnation);
    }

    public static void Check(string datastoreId, string vmId, string holderHostId, long incarnation, TimeSpan ttl)
    {
        Check(datastoreId, vmId, holderHostId, incarnation);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(ttl)} must be positive but was {ttl}.", nameof(ttl));
        }
    }
}
