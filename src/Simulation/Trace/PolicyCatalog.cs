using System.Globalization;

namespace Cluster.Simulation.Trace;

/// <summary>
/// Policies by name: npa, dvfs, and &lt;detector&gt;-&lt;parameter&gt; or &lt;detector&gt;-mmt-&lt;parameter&gt;
/// for detectors thr, iqr, mad and lr (e.g. lr-mmt-1.2, iqr-1.5, thr-0.8, mad-2.5).
/// </summary>
public static class PolicyCatalog
{
    public const string ValidNames = "npa, dvfs, ours, thr-<t>, iqr-<s>, mad-<s>, lr-<s> (also as <detector>-mmt-<param>), e.g. lr-mmt-1.2, iqr-mmt-1.5, thr-mmt-0.8, mad-mmt-2.5";

    /// <summary>A fresh policy for one run, or null when the name is not known.</summary>
    public static IConsolidationPolicy? Create(string name, bool enforceRam = false)
    {
        var normalized = name.Trim().ToLowerInvariant();
        switch (normalized)
        {
            case "npa":
                return StaticPlacementPolicy.NoPowerAwareness;
            case "dvfs":
                return StaticPlacementPolicy.DvfsOnly;
            case "ours":
                return new PlannedConsolidationPolicy(enforceRam ? PlannedPolicySettings.Default.WithRamLimit() : PlannedPolicySettings.Default);
        }

        var parts = normalized.Split('-');
        if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[1] != "mmt")
            || !double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var parameter)
            || parameter < 0 || !double.IsFinite(parameter))
        {
            return null;
        }

        IOverloadDetector? detector = parts[0] switch
        {
            "thr" => new ThresholdDetector(parameter),
            "iqr" => SpreadDetector.InterQuartileRange(parameter),
            "mad" => SpreadDetector.MedianAbsoluteDeviation(parameter),
            "lr" => new LocalRegressionDetector(parameter),
            _ => null,
        };
        return detector is null ? null : new CloudSimConsolidationPolicy(detector, enforceRam);
    }
}
