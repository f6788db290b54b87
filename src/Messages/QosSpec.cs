namespace Cluster.Messages;

/// <summary>
/// Quality of service for one resource of a VM (CPU in MHz, or memory in MB): relative shares under
/// contention, a guaranteed reservation, and an optional hard limit (null = unlimited).
/// </summary>
public sealed record QosSpec(int Shares, long Reservation, long? Limit)
{
    /// <summary>Normal shares, nothing reserved, no limit.</summary>
    public static QosSpec Default { get; } = new(1000, 0, null);

    /// <summary>The problems with this spec, each named by <paramref name="prefix"/> and the field.</summary>
    public IEnumerable<FieldError> Validate(string prefix)
    {
        if (Shares <= 0)
        {
            yield return new FieldError($"{prefix}.shares", "must be greater than 0");
        }

        if (Reservation < 0)
        {
            yield return new FieldError($"{prefix}.reservation", "must not be negative");
        }

        if (Limit is { } limit && limit < Reservation)
        {
            yield return new FieldError($"{prefix}.limit", $"must be at least the reservation ({Reservation})");
        }
    }
}
