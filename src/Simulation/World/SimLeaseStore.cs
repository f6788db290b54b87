namespace Cluster.Simulation.World;

/// <summary>
/// One singleton's lease in the simulated database, with the semantics of the project's lease stores: acquiring an
/// expired lease (or one's own) grants it, a new holder gets the next epoch, renewals need the live tenure. Whole-store
/// outages and one node losing its connection can be injected; the row itself never crosses the simulated network.
/// </summary>
public sealed class SimLeaseStore(VirtualClock clock)
{
    private readonly HashSet<string> _cutOff = new(StringComparer.Ordinal);

    public SimLease? Current { get; private set; }

    /// <summary>While true every call fails, as when the database cannot be reached.</summary>
    public bool Unavailable { get; set; }

    public void CutOff(string node) => _cutOff.Add(node);

    public void Reconnect(string node) => _cutOff.Remove(node);

    public bool Reachable(string node) => !Unavailable && !_cutOff.Contains(node);

    public SimLease? TryAcquire(string holder, TimeSpan ttl)
    {
        if (!Reachable(holder))
        {
            return null;
        }

        var now = clock.Now;
        if (Current is { } current && !current.IsExpiredAt(now) && current.Holder != holder)
        {
            return null;
        }

        var sameTenure = Current is { } held && held.Holder == holder && !held.IsExpiredAt(now);
        Current = new SimLease(holder, sameTenure ? Current!.Epoch : (Current?.Epoch ?? 0) + 1, now + ttl);
        return Current;
    }

    public SimLease? TryRenew(string holder, long epoch, TimeSpan ttl)
    {
        if (!Reachable(holder) || !IsLiveTenure(holder, epoch))
        {
            return null;
        }

        Current = Current! with { ExpiresAt = clock.Now + ttl };
        return Current;
    }

    public SimLease? Read(string reader) => Reachable(reader) ? Current : null;

    public bool Release(string holder, long epoch)
    {
        if (!Reachable(holder) || !IsLiveTenure(holder, epoch))
        {
            return false;
        }

        Current = Current! with { ExpiresAt = clock.Now };
        return true;
    }

    private bool IsLiveTenure(string holder, long epoch) =>
        Current is { } current && current.Holder == holder && current.Epoch == epoch && !current.IsExpiredAt(clock.Now);
}
