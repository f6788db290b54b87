namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// A DRS pass: the migrations, in order, with their reasons; the should rules bent; the violations it
/// could not fix this pass (and why); and the imbalance (standard deviation of host load) before and
/// after the plan, against the tolerance the threshold sets.
/// </summary>
public sealed record DrsPlan(
    IReadOnlyList<MigrationRecommendation> Migrations,
    IReadOnlyList<RuleBend> Bends,
    IReadOnlyList<string> Unresolved,
    double ImbalanceBefore,
    double ImbalanceAfter,
    double ToleratedImbalance);
