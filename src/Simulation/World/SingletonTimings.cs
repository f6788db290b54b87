namespace Cluster.Simulation.World;

/// <summary>
/// The simulated singleton lease's timings: TTL 10 s, renewed every 3 s, a holder that could not renew for TTL minus 1 s
/// stops acting; a standby retries 1 ms after the lease it read expires. Slower than production's SQL lease (TTL 3 s,
/// renewed every 500 ms): the scenario folders' expected logs were recorded at this pace, and what they check (one VRM
/// at a time, fenced by its epoch) does not depend on it.
/// </summary>
public sealed record SingletonTimings
{
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long after the observed expiry a standby tries, so it never tries at the very instant it is still held.</summary>
    public TimeSpan RetryAfterExpiry { get; init; } = TimeSpan.FromMilliseconds(1);

    public void Validate()
    {
        if (RenewEvery <= TimeSpan.Zero || SafetyMargin < TimeSpan.Zero || Ttl <= RenewEvery + SafetyMargin)
        {
            throw new ArgumentOutOfRangeException(nameof(Ttl), Ttl, "need RenewEvery > 0, SafetyMargin >= 0 and Ttl > RenewEvery + SafetyMargin");
        }
    }
}
