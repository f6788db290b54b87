namespace Cluster.Persistence;

/// <summary>
/// A named lease. <paramref name="Epoch"/> is the fencing token: it grows with every new tenure, so a receiver that
/// has seen epoch N rejects commands stamped with an older one.
/// </summary>
public sealed record Lease(string Name, string Holder, long Epoch, DateTimeOffset ExpiresAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;
}
