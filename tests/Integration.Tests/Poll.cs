namespace Cluster.Integration.Tests;

/// <summary>Waiting on a condition of real processes: polled every 100 ms on a <see cref="PeriodicTimer"/>.</summary>
internal static class Poll
{
    /// <summary>The first value <paramref name="probe"/> yields within <paramref name="seconds"/>, or null once they have passed.</summary>
    public static async Task<T?> UntilAsync<T>(Func<Task<T?>> probe, int seconds)
        where T : class
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var tick = 0; tick < seconds * 10; tick++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await timer.WaitForNextTickAsync();
        }

        return null;
    }
}
