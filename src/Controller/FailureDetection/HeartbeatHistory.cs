namespace Cluster.Controller.FailureDetection;

/// <summary>
/// The last N heartbeat intervals with running sums, so mean and deviation cost O(1) per heartbeat. Intervals are whole
/// milliseconds in longs (as Akka keeps them) so the sums stay exact however long a host lives: removing the oldest
/// sample subtracts exactly what was added, with no floating-point drift.
/// </summary>
internal sealed class HeartbeatHistory
{
    private readonly long[] _intervals;
    private int _next;
    private long _sum;
    private long _squaredSum;

    public HeartbeatHistory(int maxSampleSize) => _intervals = new long[maxSampleSize];

    public int Count { get; private set; }

    public double Mean => (double)_sum / Count;

    public double StdDeviation => Math.Sqrt(Math.Max(0, ((double)_squaredSum / Count) - (Mean * Mean)));

    public void Add(long intervalMillis)
    {
        if (Count == _intervals.Length)
        {
            var oldest = _intervals[_next];
            _sum -= oldest;
            _squaredSum -= oldest * oldest;
        }
        else
        {
            Count++;
        }

        _intervals[_next] = intervalMillis;
        _next = (_next + 1) % _intervals.Length;
        _sum += intervalMillis;
        _squaredSum += intervalMillis * intervalMillis;
    }
}
