using System.Collections.Immutable;

namespace Cluster.Simulation.Trace;

/// <summary>
/// A host's power draw in watts at 0, 10, ..., 100 % CPU (SPECpower), linear in between, computed
/// with CloudSim 3.0.3's arithmetic so that its tie-breaks in placement come out the same.
/// </summary>
public sealed record PowerCurve(ImmutableArray<double> WattsAtTenths)
{
    public static PowerCurve HpProLiantMl110G4 { get; } =
        new([86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]);

    public static PowerCurve HpProLiantMl110G5 { get; } =
        new([93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135]);

    public double MaxWatts => WattsAtTenths[^1];

    /// <summary>Watts at <paramref name="utilization"/> (0..1); NaN outside, where CloudSim's model throws.</summary>
    public double Watts(double utilization)
    {
        if (utilization is < 0 or > 1 || double.IsNaN(utilization))
        {
            return double.NaN;
        }

        if (utilization % 0.1 == 0)
        {
            return WattsAtTenths[(int)(utilization * 10)];
        }

        var lower = (int)Math.Floor(utilization * 10);
        var upper = (int)Math.Ceiling(utilization * 10);
        var lowerWatts = WattsAtTenths[lower];
        var delta = (WattsAtTenths[upper] - lowerWatts) / 10;
        return lowerWatts + (delta * (utilization - ((double)lower / 10)) * 100);
    }
}
