namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// A VM's write-lease on its disks, as stored on the datastore. <paramref name="Incarnation"/> numbers the VM's runs
/// (every restart by HA gets a higher one), so a host still running an old run can never renew over a newer one.
/// <paramref name="Counter"/> grows with every write (acquire, renew, release): a reader that sees it move between two
/// reads knows the lease is being renewed without trusting the writer's clock.
/// </summary>
public sealed record StorageLease(
    string DatastoreId,
    string VmId,
    string HolderHostId,
    long Incarnation,
    long Counter,
    DateTimeOffset RenewedAt,
    TimeSpan Ttl,
    bool Released)
{
    /// <summary>The first instant at which the lease is no longer fresh (not renewed for a whole ttl).</summary>
    public DateTimeOffset ExpiresAt => RenewedAt + Ttl;

    /// <summary>True while the holder may be running the VM: not released and renewed less than a ttl ago.</summary>
    public bool IsFreshAt(DateTimeOffset now) => !Released && now < ExpiresAt;

    public bool IsHeldBy(string holderHostId, long incarnation) =>
        HolderHostId == holderHostId && Incarnation == incarnation;
}
