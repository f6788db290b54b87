using System.Globalization;

namespace Cluster.Simulation.Trace;

/// <summary>
/// LR: fits a line to the last 10 utilisation samples and predicts as many rounds ahead as the
/// longest migration off the host takes; overloaded when s x prediction reaches 1. Under 10 samples, THR 0.7.
/// </summary>
public sealed class LocalRegressionDetector(double safety) : IOverloadDetector
{
    private const int Window = 10;

    public double Safety { get; } = safety;

    public string Name => string.Create(CultureInfo.InvariantCulture, $"lr-{Safety}");

    public bool IsOverloaded(in HostLoad load)
    {
        if (load.History.Length < Window)
        {
            return ThresholdDetector.Fallback.IsOverloaded(load);
        }

        Span<double> oldestFirst = stackalloc double[Window];
        for (var i = 0; i < Window; i++)
        {
            oldestFirst[i] = load.History[Window - 1 - i];
        }

        var (intercept, slope) = CloudSimStatistics.LeastSquaresLine(oldestFirst);
        var roundsAhead = Math.Ceiling(load.LongestMigrationSeconds / load.SchedulingIntervalSeconds);
        var predicted = (intercept + (slope * (Window + roundsAhead))) * Safety;
        return predicted >= 1;
    }
}
