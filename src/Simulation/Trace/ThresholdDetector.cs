using System.Globalization;

namespace Cluster.Simulation.Trace;

/// <summary>THR: overloaded when the VMs ask for more than a fixed share of the host.</summary>
public sealed class ThresholdDetector(double threshold) : IOverloadDetector
{
    /// <summary>What IQR, MAD and LR fall back to while a host's history is too short.</summary>
    public static ThresholdDetector Fallback { get; } = new(0.7);

    public double Threshold { get; } = threshold;

    public string Name => string.Create(CultureInfo.InvariantCulture, $"thr-{Threshold}");

    public bool IsOverloaded(in HostLoad load) => load.RequestedUtilization > Threshold;
}
