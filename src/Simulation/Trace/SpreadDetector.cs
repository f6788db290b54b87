using System.Globalization;

namespace Cluster.Simulation.Trace;

/// <summary>
/// IQR and MAD: overloaded when the VMs ask for more than 1 - s x spread of the host's utilisation
/// history, so a host whose load swings widely keeps more headroom. Needs 12 samples, else THR 0.7.
/// </summary>
public sealed class SpreadDetector : IOverloadDetector
{
    private const int MinimumHistory = 12;
    private readonly string kind;
    private readonly bool interQuartile;

    private SpreadDetector(string kind, bool interQuartile, double safety)
    {
        this.kind = kind;
        this.interQuartile = interQuartile;
        Safety = safety;
    }

    public double Safety { get; }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"{kind}-{Safety}");

    /// <summary>Spread = interquartile range.</summary>
    public static SpreadDetector InterQuartileRange(double safety) => new("iqr", interQuartile: true, safety);

    /// <summary>Spread = median absolute deviation.</summary>
    public static SpreadDetector MedianAbsoluteDeviation(double safety) => new("mad", interQuartile: false, safety);

    public bool IsOverloaded(in HostLoad load)
    {
        if (load.History.Length < MinimumHistory)
        {
            return ThresholdDetector.Fallback.IsOverloaded(load);
        }

        var spread = interQuartile
            ? CloudSimStatistics.InterQuartileRange(load.History)
            : CloudSimStatistics.MedianAbsoluteDeviation(load.History);
        return load.RequestedUtilization > 1 - (Safety * spread);
    }
}
