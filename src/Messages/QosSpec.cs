namespace Cluster.Messages;

/// <summary>
/// Quality of service for one resource of a VM (CPU in MHz, or memory in MB): relative shares under
/// contention, a guaranteed reservation, and an optional hard limit (null = unlimited).
/// </summary>
public sealed record QosSpec(int Shares, long Reservation, long? Limit)
{
    /// <summary>Normal shares, nothing reserved, no limit.</summary>
    public static QosSpec Default { get; } = new(1000, 0, null);

    /// <summary>The problems with this spec, each named by <paramref name="prefix"/> and the field; amounts may not exceed <paramref name="max"/>.</summary>
    public IEnumerable<FieldError> Validate(string prefix, long max)
    {
        if (VmLimits.RangeProblem(Shares, 1, VmLimits.MaxShares) is { } shares)
        {
            yield return new FieldError($"{prefix}.shares", shares);
        }

        if (VmLimits.RangeProblem(Reservation, 0, max) is { } reservation)
        {
            yield return new FieldError($"{prefix}.reservation", reservation);
        }

        if (Limit is { } tooLarge && tooLarge > max)
        {
            yield return new FieldError($"{prefix}.limit", $"must be at most {max}");
        }

        if (Limit is { } limit && limit < Reservation)
        {
            yield return new FieldError($"{prefix}.limit", $"must be at least the reservation ({Reservation})");
        }
    }
}
