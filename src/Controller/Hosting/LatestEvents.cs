using Cluster.Persistence;

namespace Cluster.Controller.Hosting;

/// <summary>
/// The newest events of the journal with only forward reads: the highest ordering is found by exponential and
/// binary search (an indexed one-row read each), then the page before it is read, stepping further back
/// where orderings have gaps.
/// </summary>
internal static class LatestEvents
{
    public static async Task<IReadOnlyList<StoredEvent>> ReadAsync(IJournal journal, int count, CancellationToken cancellationToken)
    {
        var highest = await HighestOrderingAsync(journal, cancellationToken).ConfigureAwait(false);
        if (highest == 0)
        {
            return [];
        }

        long window = count;
        while (true)
        {
            var after = Math.Max(0, highest - window);
            var page = await journal.ReadAllAsync(after, (int)Math.Min(int.MaxValue, highest - after), cancellationToken).ConfigureAwait(false);
            if (page.Count >= count || after == 0)
            {
                return page.Count > count ? [.. page.Skip(page.Count - count)] : page;
            }

            window *= 2;
        }
    }

    /// <summary>The highest ordering stored (0 if none): the smallest x with nothing after it.</summary>
    private static async Task<long> HighestOrderingAsync(IJournal journal, CancellationToken cancellationToken)
    {
        async Task<bool> AnyAfterAsync(long x) => (await journal.ReadAllAsync(x, 1, cancellationToken).ConfigureAwait(false)).Count > 0;

        if (!await AnyAfterAsync(0).ConfigureAwait(false))
        {
            return 0;
        }

        long low = 0, high = 1;
        while (await AnyAfterAsync(high).ConfigureAwait(false))
        {
            low = high;
            high *= 2;
        }

        // Something after low, nothing after high: the highest ordering is in (low, high].
        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            if (await AnyAfterAsync(mid).ConfigureAwait(false))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return high;
    }
}
