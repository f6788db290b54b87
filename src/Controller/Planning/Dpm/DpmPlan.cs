namespace Cluster.Controller.Planning.Dpm;

/// <summary>
/// A DPM pass: the power changes with their reasons and evacuations; why candidate hosts were kept
/// on; and the utilisation of the hosts that are on against the band.
/// </summary>
public sealed record DpmPlan(
    IReadOnlyList<PowerRecommendation> Recommendations,
    IReadOnlyList<string> KeptOn,
    double Utilisation,
    double LowEdge,
    double HighEdge);
