namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// Default timings. A host renews every 5 s, so a lease survives three missed renewals before the host fences its VM
/// (HostNode's fence-after, 15 s) and four before it expires (20 s); HA declares a host dead only after 30 s of silence.
/// </summary>
public static class StorageLeaseDefaults
{
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(20);
}
