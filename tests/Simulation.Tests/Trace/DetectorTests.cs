using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

public sealed class DetectorTests
{
    private static HostLoad Load(double requestedUtilization, double[] history, double longestMigration = 27.84) =>
        new(1000, requestedUtilization * 1000, history, longestMigration, 300);

    private static double[] Repeat(int count, double value) => Enumerable.Repeat(value, count).ToArray();

    [Fact]
    public void Threshold_is_strictly_above()
    {
        var detector = new ThresholdDetector(0.8);

        Assert.False(detector.IsOverloaded(Load(0.8, [0.8])));
        Assert.True(detector.IsOverloaded(Load(0.81, [0.8])));
    }

    [Fact]
    public void Iqr_threshold_shrinks_with_the_spread_of_the_history()
    {
        // 12 samples 0.1..1.2 (unordered); ranks round(3.25)-1 = 2 and round(9.75)-1 = 9: Q1 0.3, Q3 1.0, IQR 0.7.
        double[] history = [1.2, 0.1, 0.5, 0.3, 1.0, 0.2, 0.4, 0.6, 0.7, 0.9, 0.8, 1.1];
        var detector = SpreadDetector.InterQuartileRange(0.5);

        Assert.Equal(0.7, CloudSimStatistics.InterQuartileRange(history), 12);
        Assert.False(detector.IsOverloaded(Load(0.64, history)));
        Assert.True(detector.IsOverloaded(Load(0.66, history)));
    }

    [Fact]
    public void Iqr_and_mad_fall_back_to_seventy_percent_under_twelve_samples()
    {
        var calm = Repeat(11, 0.5);

        Assert.False(SpreadDetector.InterQuartileRange(1.5).IsOverloaded(Load(0.7, calm)));
        Assert.True(SpreadDetector.InterQuartileRange(1.5).IsOverloaded(Load(0.71, calm)));
        Assert.True(SpreadDetector.MedianAbsoluteDeviation(2.5).IsOverloaded(Load(0.71, calm)));
        // With 12 identical samples the spread is 0, so the threshold is 1.
        Assert.False(SpreadDetector.InterQuartileRange(1.5).IsOverloaded(Load(0.99, Repeat(12, 0.5))));
    }

    [Fact]
    public void Mad_uses_the_median_of_absolute_deviations()
    {
        // Median 0.45 (legacy percentile between 0.4 and 0.5); deviations' median 0.2 (between 0.15 and 0.25).
        double[] history = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.2, 0.4, 0.5, 0.7];
        var mad = CloudSimStatistics.MedianAbsoluteDeviation(history);
        var detector = SpreadDetector.MedianAbsoluteDeviation(2.5);

        Assert.Equal(0.45, CloudSimStatistics.Median(history), 12);
        Assert.Equal(0.2, mad, 12);
        Assert.False(detector.IsOverloaded(Load(0.49, history)));
        Assert.True(detector.IsOverloaded(Load(0.51, history)));
    }

    [Fact]
    public void Lr_extrapolates_the_last_ten_samples_by_the_migration_time_in_rounds()
    {
        // Most recent first: 0.70, 0.68, ..., 0.52: a line rising 0.02 a round, 0.70 at x = 10.
        var history = Enumerable.Range(0, 10).Select(i => 0.70 - (0.02 * i)).Concat(Repeat(5, 0.1)).ToArray();
        var (intercept, slope) = CloudSimStatistics.LeastSquaresLine(history.Take(10).Reverse().ToArray());
        Assert.Equal(0.02, slope, 12);
        Assert.Equal(0.50, intercept, 12);

        // One round ahead (27.84 s rounds up to 1): 0.72; x 1.2 = 0.864 < 1. With safety 1.4: 1.008 >= 1.
        Assert.False(new LocalRegressionDetector(1.2).IsOverloaded(Load(0, history)));
        Assert.True(new LocalRegressionDetector(1.4).IsOverloaded(Load(0, history)));
        // A 301 s migration is two rounds ahead: 0.74 x 1.36 = 1.0064.
        Assert.False(new LocalRegressionDetector(1.36).IsOverloaded(Load(0, history, 300)));
        Assert.True(new LocalRegressionDetector(1.36).IsOverloaded(Load(0, history, 301)));
    }

    [Fact]
    public void Lr_ignores_current_demand_once_it_has_ten_samples_and_falls_back_below()
    {
        var flat = Repeat(10, 0.3);

        Assert.False(new LocalRegressionDetector(1.2).IsOverloaded(Load(0.95, flat)));
        Assert.True(new LocalRegressionDetector(1.2).IsOverloaded(Load(0.71, Repeat(9, 0.3))));
        Assert.False(new LocalRegressionDetector(1.2).IsOverloaded(Load(0.69, Repeat(9, 0.3))));
    }

    [Fact]
    public void Legacy_percentile_interpolates_between_ranks()
    {
        Assert.Equal(2.5, CloudSimStatistics.Median([4, 1, 3, 2]), 12);
        Assert.Equal(1, CloudSimStatistics.Percentile([4, 1, 3, 2], 10), 12);
        Assert.Equal(4, CloudSimStatistics.Percentile([4, 1, 3, 2], 95), 12);
    }
}
