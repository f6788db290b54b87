using Cluster.Controller.Planning.Drs;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Evacuation;

/// <summary>
/// How to empty a host: every migration (all of them, not paced — the migration saga runs them within
/// the concurrency limits), the should rules bent and why. When some VM cannot leave,
/// <see cref="CanEvacuate"/> is false and <see cref="Blockers"/> names each such VM and the reason;
/// the migrations then show where the others would go.
/// </summary>
public sealed record EvacuationPlan(
    HostId Host,
    IReadOnlyList<MigrationRecommendation> Migrations,
    IReadOnlyList<RuleBend> Bends,
    IReadOnlyList<EvacuationBlocker> Blockers)
{
    public bool CanEvacuate => Blockers.Count == 0;
}
