namespace Cluster.TestKit;

/// <summary>Waiting on the thread-pool dispatcher: blocks on the probe's signal, bounded by the wall clock.</summary>
public sealed class RealTimeProgress : IProgressDriver
{
    public TimeProvider Time => TimeProvider.System;

    public bool WaitUntil(Func<bool> done, TimeSpan within, SemaphoreSlim signal)
    {
        var start = Time.GetTimestamp();
        while (!done())
        {
            var left = within - Time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero || !signal.Wait(left))
            {
                return done();
            }
        }

        return true;
    }
}
