namespace Cluster.Controller.Hosting;

/// <summary>
/// The newest rows of a journal that can only be read forwards by ordering: the highest ordering is found by
/// exponential and binary search (a one-row read each), then the page before it is read, stepping further back where
/// orderings have gaps.
/// </summary>
public static class LatestEvents
{
    /// <summary>Reads at most <c>max</c> rows with ordering greater than <c>after</c>, ascending.</summary>
    public delegate Task<IReadOnlyList<T>> ReadAfter<T>(long after, int max, CancellationToken cancellationToken);

    public static async Task<IReadOnlyList<T>> ReadAsync<T>(ReadAfter<T> read, int count, CancellationToken cancellationToken)
    {
        var highest = await HighestOrderingAsync(read, cancellationToken).ConfigureAwait(false);
        if (highest == 0)
        {
            return [];
        }

        long window = count;
        while (true)
        {
            var after = Math.Max(0, highest - window);
            var page = await read(after, (int)Math.Min(int.MaxValue, highest - after), cancellationToken).ConfigureAwait(false);
            if (page.Count >= count || after == 0)
            {
                return page.Count > count ? [.. page.Skip(page.Count - count)] : page;
            }

            window *= 2;
        }
    }

    /// <summary>The highest ordering stored (0 if none): the smallest x with nothing after it.</summary>
    private static async Task<long> HighestOrderingAsync<T>(ReadAfter<T> read, CancellationToken cancellationToken)
    {
        async Task<bool> AnyAfterAsync(long x) => (await read(x, 1, cancellationToken).ConfigureAwait(false)).Count > 0;

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
