namespace Cluster.Simulation.World;

/// <summary>A lease row: who holds it, its fencing epoch (one more for every new holder), and when it lapses.</summary>
public sealed record SimLease(string Holder, long Epoch, DateTimeOffset ExpiresAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;
}
