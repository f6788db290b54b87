namespace Cluster.Actors.Remote;

/// <summary>
/// How remote DeathWatch decides a node is gone: heartbeats to every node with a watched actor, and
/// an unanswered stretch longer than <see cref="UnreachableAfter"/> yields Terminated(AddressTerminated).
/// </summary>
public sealed record RemoteWatchOptions
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan UnreachableAfter { get; init; } = TimeSpan.FromSeconds(10);
}
