namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// What vSphere's migration threshold (1 conservative … 5 aggressive) means here. Level 1 makes only
/// mandatory moves (broken must rules). Each higher level tolerates less imbalance and accepts moves
/// of smaller gain and lower benefit-to-cost ratio.
/// </summary>
public static class MigrationThreshold
{
    public const int Conservative = 1;
    public const int Default = 3;
    public const int Aggressive = 5;

    // Index = threshold. Tolerated standard deviation of host load (vSphere's "target host load
    // standard deviation"), the least whole-cluster gain a move must bring, and how many times its
    // benefit must exceed its cost.
    private static readonly double[] Tolerance = [0, double.PositiveInfinity, 0.20, 0.10, 0.05, 0.02];
    private static readonly double[] Gain = [0, double.PositiveInfinity, 0.20, 0.10, 0.05, 0.02];
    private static readonly double[] Ratio = [0, double.PositiveInfinity, 4, 2, 1.5, 1];

    public static double ToleratedImbalance(int threshold) => Tolerance[Checked(threshold)];

    public static double MinimumGain(int threshold) => Gain[Checked(threshold)];

    public static double MinimumBenefitCostRatio(int threshold) => Ratio[Checked(threshold)];

    private static int Checked(int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, Conservative);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, Aggressive);
        return threshold;
    }
}
