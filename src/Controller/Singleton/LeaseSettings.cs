namespace Cluster.Controller.Singleton;

/// <summary>
/// The controller lease: TTL 10 s, renewed every 3 s. An active controller that has not renewed for
/// TTL minus <see cref="SafetyMargin"/> stops acting, so it is never active once its lease can have
/// expired and a standby can have taken over.
/// </summary>
public sealed record LeaseSettings
{
    public string LeaseName { get; init; } = "vrm";

    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (RenewEvery <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RenewEvery), RenewEvery, "must be positive");
        }

        if (Ttl <= RenewEvery + SafetyMargin)
        {
            throw new ArgumentOutOfRangeException(nameof(Ttl), Ttl, "must exceed RenewEvery + SafetyMargin, or the lease lapses between renewals");
        }

        if (SafetyMargin < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SafetyMargin), SafetyMargin, "must not be negative");
        }
    }
}
