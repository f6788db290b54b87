namespace Cluster.MultiNode.Tests;

/// <summary>
/// Waits for a cluster condition by polling on a <see cref="PeriodicTimer"/>. These tests run real actor systems on
/// loopback, whose failure detectors and gossip run on the wall clock, so there is no virtual time to advance; the
/// limit only bounds a failure.
/// </summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(string what, TestLog log, TimeSpan limit, Func<Task<T?>> probe)
        where T : class
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        Exception? last = null;
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            try
            {
                if (await probe().ConfigureAwait(false) is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is TimeoutException or Akka.Actor.AskTimeoutException or InvalidOperationException)
            {
                last = ex;
            }

            await timer.WaitForNextTickAsync().ConfigureAwait(false);
        }

        throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}{(last is null ? string.Empty : $" (last error: {last.Message})")}; every node's log is in {log.Dump()}; the last lines:\n{log.Tail(60)}");
    }

    public static Task WaitAsync(string what, TestLog log, TimeSpan limit, Func<Task<bool>> probe) =>
        WaitAsync<object>(what, log, limit, async () => await probe().ConfigureAwait(false) ? new object() : null);
}
