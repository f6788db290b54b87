namespace Cluster.Controller.Admin;

/// <summary>
/// The journal as /api/events shows it: every persistence id in global order. It reads storage directly, not the
/// VRM, so the feed works on a standby controller too.
/// </summary>
public interface IEventFeed
{
    /// <summary>Events with ordering greater than <paramref name="afterOrdering"/>, ascending, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<FeedEvent>> ReadAfterAsync(long afterOrdering, int max, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="count"/> events, ascending.</summary>
    Task<IReadOnlyList<FeedEvent>> ReadLatestAsync(int count, CancellationToken cancellationToken);
}
