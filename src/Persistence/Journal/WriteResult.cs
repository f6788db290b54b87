namespace Cluster.Persistence;

/// <summary>Outcome of one <see cref="AtomicWrite"/> inside a batch: the batch may succeed while one write is rejected.</summary>
public sealed record WriteResult(Exception? Error)
{
    public static WriteResult Success { get; } = new((Exception?)null);

    public bool Succeeded => Error is null;
}
