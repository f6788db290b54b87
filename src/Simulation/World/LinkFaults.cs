namespace Cluster.Simulation.World;

/// <summary>
/// Faults on one direction of one link between nodes. Each message's delay is drawn uniformly between the two
/// bounds, but a later message never overtakes an earlier one on the same link, as on a TCP connection.
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
        if (DropProbability is < 0 or > 1 || DuplicateProbability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DropProbability), "drop and duplicate probabilities must lie between 0 and 1");
        }

        if (MinDelay < TimeSpan.Zero || MaxDelay < MinDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "delays must satisfy 0 <= MinDelay <= MaxDelay");
        }
    }
}
