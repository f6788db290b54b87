namespace Cluster.Actors.Deterministic;

/// <summary>
/// Faults on one direction of one link. Delays are drawn uniformly between the bounds; a link keeps
/// its order (a later message never overtakes an earlier one), as a TCP connection would.
/// </summary>
public sealed record LinkFaults
{
    public static readonly LinkFaults None = new();

    public double DropProbability { get; init; }

    public double DuplicateProbability { get; init; }

    public TimeSpan MinDelay { get; init; }

    public TimeSpan MaxDelay { get; init; }

    public void Validate()
    {
        if (DropProbability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DropProbability), DropProbability, "must be between 0 and 1");
        }

        if (DuplicateProbability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DuplicateProbability), DuplicateProbability, "must be between 0 and 1");
        }

        if (MinDelay < TimeSpan.Zero || MaxDelay < MinDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "delays must satisfy 0 <= MinDelay <= MaxDelay");
        }
    }
}
