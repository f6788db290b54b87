using System.Globalization;
using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Drs.Model;

namespace Cluster.Controller.Planning.Evacuation;

/// <summary>
/// Moves every unit off one host of a model, largest memory first (first-fit decreasing packs best),
/// each to the host <see cref="TargetChooser"/> prefers. Shared by maintenance evacuation (which may
/// bend should rules when no complying host has room) and DPM (which may not, and keeps targets under
/// its band). The caller undoes the moves if it does not want a partial result.
/// </summary>
internal static class HostEmptier
{
    public static EvacuationPlan Empty(
        ClusterModel model,
        int host,
        MigrationReason reason,
        bool automatic,
        bool allowBends,
        double maxLoadAfter = double.PositiveInfinity)
    {
        var migrations = new List<MigrationRecommendation>();
        var bends = new List<RuleBend>();
        var blockers = new List<EvacuationBlocker>();
        if (model.IsAvailable(host))
        {
            model.SetAvailable(host, false);
        }

        var units = model.UnitsOn(host).OrderByDescending(u => model.TotalsOf(u).Memory).ThenBy(u => u).ToList();
        var hostId = model.HostAt(host).Id;
        foreach (var u in units)
        {
            var first = model.VmAt(model.VmsOf(u)[0]).Id;
            if (!model.IsMovable(u))
            {
                blockers.Add(new EvacuationBlocker(first, $"{model.UnitNames(u)} is migrating already"));
                continue;
            }

            var target = TargetChooser.Best(model, u, withinConcurrency: false, maxLoadAfter);
            if (target < 0)
            {
                blockers.Add(new EvacuationBlocker(first, WhyNoTarget(model, u, maxLoadAfter)));
                continue;
            }

            var breaks = model.ShouldBreaks(u, target).ToList();
            if (breaks.Count > 0 && !allowBends)
            {
                var rules = string.Join(", ", breaks.Select(b => b.Rule).Distinct());
                blockers.Add(new EvacuationBlocker(first, $"only hosts that break should rule {rules} could take {model.UnitNames(u)}"));
                continue;
            }

            var targetId = model.HostAt(target).Id;
            bends.AddRange(breaks.Select(b => new RuleBend(b.Rule, b.Vm, targetId, $"emptying {hostId}: no host that keeps the rule passes every must rule and has room")));
            model.Move(u, target);
            migrations.AddRange(model.Recommend(u, host, target, reason, $"emptying {hostId}", 0, 0, automatic));
        }

        return new EvacuationPlan(hostId, migrations, bends, blockers);
    }

    private static string WhyNoTarget(ClusterModel model, int u, double maxLoadAfter)
    {
        var tooLoaded = Enumerable.Range(0, model.HostCount)
            .Count(t => model.Check(u, t, withinConcurrency: false) == MoveRefusal.None && model.LoadWith(u, t) > maxLoadAfter);
        return tooLoaded == 0
            ? model.ExplainNoHost(u, withinConcurrency: false)
            : string.Create(CultureInfo.InvariantCulture, $"{tooLoaded} host(s) could take {model.UnitNames(u)} but would rise above load {maxLoadAfter:0.##}");
    }
}
