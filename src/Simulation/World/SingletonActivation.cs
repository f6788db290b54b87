namespace Cluster.Simulation.World;

/// <summary>One tenure of a singleton: where and with which epoch it started, and when it ended (null while active).</summary>
public sealed class SingletonActivation(string node, long epoch, TimeSpan started)
{
    public string Node { get; } = node;

    public long Epoch { get; } = epoch;

    public TimeSpan Started { get; } = started;

    public TimeSpan? Ended { get; internal set; }

    public override string ToString() => $"{Node} epoch {Epoch} from {Started} to {Ended?.ToString() ?? "now"}";
}
