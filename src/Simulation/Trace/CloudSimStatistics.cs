namespace Cluster.Simulation.Trace;

/// <summary>
/// The statistics CloudSim 3.0.3's detectors use, with the same estimators (Commons Math's legacy
/// percentile, its incremental least-squares update) so that borderline decisions agree.
/// </summary>
public static class CloudSimStatistics
{
    /// <summary>Legacy percentile: position p(n+1)/100 in the sorted data, linear between neighbours.</summary>
    public static double Percentile(ReadOnlySpan<double> values, double percent)
    {
        Span<double> sorted = values.Length <= 64 ? stackalloc double[values.Length] : new double[values.Length];
        values.CopyTo(sorted);
        sorted.Sort();
        if (sorted.Length == 1)
        {
            return sorted[0];
        }

        var position = percent * (sorted.Length + 1) / 100;
        var floor = Math.Floor(position);
        if (position < 1)
        {
            return sorted[0];
        }

        if (position >= sorted.Length)
        {
            return sorted[^1];
        }

        var lower = sorted[(int)floor - 1];
        return lower + ((position - floor) * (sorted[(int)floor] - lower));
    }

    public static double Median(ReadOnlySpan<double> values) => Percentile(values, 50);

    /// <summary>Q3 - Q1 with CloudSim's rank rule: round(k(n+1)) - 1 in the sorted data.</summary>
    public static double InterQuartileRange(ReadOnlySpan<double> values)
    {
        Span<double> sorted = values.Length <= 64 ? stackalloc double[values.Length] : new double[values.Length];
        values.CopyTo(sorted);
        sorted.Sort();
        var q1 = (int)Math.Floor((0.25 * (sorted.Length + 1)) + 0.5) - 1;
        var q3 = (int)Math.Floor((0.75 * (sorted.Length + 1)) + 0.5) - 1;
        return sorted[q3] - sorted[q1];
    }

    public static double MedianAbsoluteDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var median = Median(values);
        Span<double> deviations = values.Length <= 64 ? stackalloc double[values.Length] : new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            deviations[i] = Math.Abs(median - values[i]);
        }

        return Median(deviations);
    }

    /// <summary>Ordinary least squares of y against x = 1..n, accumulated as Commons Math's SimpleRegression does.</summary>
    public static (double Intercept, double Slope) LeastSquaresLine(ReadOnlySpan<double> y)
    {
        double sumX = 0, sumY = 0, sumXX = 0, sumXY = 0, meanX = 0, meanY = 0;
        for (var i = 0; i < y.Length; i++)
        {
            double x = i + 1;
            if (i == 0)
            {
                meanX = x;
                meanY = y[i];
            }
            else
            {
                var count = (double)i;
                var weight = count / (1.0 + count);
                var dx = x - meanX;
                var dy = y[i] - meanY;
                sumXX += dx * dx * weight;
                sumXY += dx * dy * weight;
                meanX += dx / (1.0 + count);
                meanY += dy / (1.0 + count);
            }

            sumX += x;
            sumY += y[i];
        }

        var slope = sumXY / sumXX;
        return ((sumY - (slope * sumX)) / y.Length, slope);
    }
}
