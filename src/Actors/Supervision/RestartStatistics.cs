namespace Cluster.Actors;

/// <summary>Counts a child's restarts inside the strategy's window, to enforce "at most N restarts in T".</summary>
internal sealed class RestartStatistics
{
    private int _count;
    private DateTimeOffset _windowStart;

    public bool RequestRestartPermission(SupervisorStrategy strategy, DateTimeOffset now)
    {
        if (strategy.MaxRetries < 0)
        {
            return true;
        }

        if (strategy.MaxRetries == 0)
        {
            return false;
        }

        if (strategy.Window == Timeout.InfiniteTimeSpan)
        {
            _count++;
            return _count <= strategy.MaxRetries;
        }

        if (_count == 0 || now - _windowStart > strategy.Window)
        {
            _windowStart = now;
            _count = 1;
            return true;
        }

        _count++;
        return _count <= strategy.MaxRetries;
    }
}
