using System.Globalization;
using Cluster.Controller.Planning.Drs.Model;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// One DRS pass over a model, in priority order: broken must rules (at every threshold), then broken
/// should rules and imbalance (threshold 2 and up). Every step stays within the concurrency limits.
/// </summary>
internal sealed class DrsPass(ClusterModel model, DrsSettings settings)
{
    private readonly bool automatic = settings.AutomationLevel == DrsAutomationLevel.FullyAutomated;

    public List<MigrationRecommendation> Migrations { get; } = [];

    public List<RuleBend> Bends { get; } = [];

    public List<string> Unresolved { get; } = [];

    public void FixMustRules()
    {
        ReuniteSplitAffinityGroups();
        for (var u = 0; u < model.UnitCount; u++)
        {
            if (!CanBeMoved(u))
            {
                continue;
            }

            if (model.VmsOf(u).Select(model.BrokenMustRuleOfVm).FirstOrDefault(r => r is not null) is { } rule)
            {
                Relocate(u, MigrationReason.MustRuleViolation, $"must rule {rule} does not allow {model.HostAt(model.HostOf(u)).Id}");
            }
            else if (model.VmsOf(u).Select(model.BrokenApartRuleOfVm).FirstOrDefault(r => r is not null) is { } apart)
            {
                Relocate(u, MigrationReason.MustRuleViolation, $"anti-affinity rule {apart} has another VM on {model.HostAt(model.HostOf(u)).Id}");
            }
        }
    }

    public void FixShouldRules()
    {
        for (var u = 0; u < model.UnitCount; u++)
        {
            var here = model.HostOf(u);
            if (!CanBeMoved(u) || model.ShouldViolations(u, here) == 0)
            {
                continue;
            }

            var broken = string.Join(", ", model.ShouldBreaks(u, here).Select(b => b.Rule).Distinct());
            var target = TargetChooser.Best(model, u, withinConcurrency: true);
            if (target >= 0 && model.ShouldViolations(u, target) < model.ShouldViolations(u, here))
            {
                Commit(u, target, MigrationReason.ShouldRuleViolation, $"should rule {broken} prefers another host than {model.HostAt(here).Id}", 0, 0);
                ReportBends(u, target, "no host with room keeps every should rule of the VM; this one breaks the fewest");
            }
        }
    }

    /// <summary>
    /// Greedy balancing: each step takes the best-paying move from one of the most loaded hosts to one
    /// of the least loaded, until the imbalance is tolerated and no host is overloaded, no move pays,
    /// or the limits are reached. The candidate counts bound a step's work to sources × their units × targets.
    /// </summary>
    public void Balance()
    {
        var order = new int[model.HostCount];
        while (model.ClusterMigrations < settings.MaxConcurrentMigrationsPerCluster)
        {
            var candidates = RankAvailableByLoad(order);
            if (candidates < 2)
            {
                return;
            }

            // Tolerated imbalance leaves only overloaded hosts to relieve, if any.
            var reliefOnly = model.Imbalance <= settings.ToleratedImbalance;
            if (reliefOnly && model.Load(order[candidates - 1]) <= settings.OverloadedHostLoad)
            {
                return;
            }

            if (BestMove(order, candidates, reliefOnly) is not { } move)
            {
                return;
            }

            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"{(reliefOnly ? $"relieves {model.HostAt(model.HostOf(move.Unit)).Id} above load {settings.OverloadedHostLoad:0.##}; " : string.Empty)}imbalance {model.Imbalance:0.###} -> {move.ImbalanceAfter:0.###} (tolerated {settings.ToleratedImbalance:0.###}); benefit {move.Benefit:0.#} vs cost {move.Cost:0.#} load-s");
            Commit(move.Unit, move.Target, MigrationReason.Imbalance, detail, move.Benefit, move.Cost);
        }
    }

    private Move? BestMove(int[] order, int candidates, bool reliefOnly)
    {
        var horizon = settings.BenefitHorizon.TotalSeconds;
        var ratio = settings.MinimumBenefitCostRatio;
        var minimumGain = reliefOnly ? 0 : settings.MinimumGain;
        var targetCeiling = reliefOnly ? settings.OverloadedHostLoad : double.PositiveInfinity;
        var imbalance = model.Imbalance;
        Move? best = null;
        var bestNet = double.MinValue;
        var sources = Math.Min(settings.CandidateSources, candidates);
        var targets = Math.Min(settings.CandidateTargets, candidates);
        for (var i = 0; i < sources; i++)
        {
            var s = order[candidates - 1 - i];
            var sourceLoad = model.Load(s);
            if (reliefOnly && sourceLoad <= settings.OverloadedHostLoad)
            {
                break;
            }

            foreach (var u in model.UnitsOn(s))
            {
                if (!CanBeMoved(u))
                {
                    continue;
                }

                var unitLoad = model.UnitLoadOn(u, s);
                var totals = model.TotalsOf(u);
                for (var j = 0; j < targets; j++)
                {
                    var t = order[j];
                    var targetLoad = t == s ? double.MaxValue : model.LoadWith(u, t);
                    if (targetLoad >= sourceLoad || targetLoad > targetCeiling)
                    {
                        continue; // the move would only turn the target into the new hot spot
                    }

                    var after = model.ImbalanceIfMoved(u, t);
                    var gain = model.AvailableCount * (imbalance - after);
                    if (gain <= 0 || gain < minimumGain)
                    {
                        continue;
                    }

                    var benefit = gain * horizon * totals.Stability;
                    var cost = totals.MigrationSeconds * (unitLoad + settings.MigrationOverheadLoad);
                    var net = benefit - (ratio * cost);

                    // Balancing is neither a must rule nor capacity, so it never bends a should rule.
                    if (benefit < ratio * cost || net <= bestNet
                        || model.ShouldViolations(u, t) > 0
                        || model.Check(u, t) != MoveRefusal.None)
                    {
                        continue;
                    }

                    (best, bestNet) = (new Move(u, t, benefit, cost, after), net);
                }
            }
        }

        return best;
    }

    private readonly record struct Move(int Unit, int Target, double Benefit, double Cost, double ImbalanceAfter);

    /// <summary>A unit DRS may move: on an available host, not migrating, and not part of a split affinity group.</summary>
    private bool CanBeMoved(int u) => model.HostOf(u) is var h and >= 0 && model.IsAvailable(h) && model.IsMovable(u) && !split.Contains(model.ComponentOf(u));

    private readonly HashSet<VmId> split = [];

    /// <summary>
    /// An affinity group found on several hosts (HA restarted part of it elsewhere, or the rule is
    /// new) is brought together on the host of its largest part; its parts are then left alone for
    /// the rest of the pass, so balancing cannot split it again before the next model joins them.
    /// </summary>
    private void ReuniteSplitAffinityGroups()
    {
        var parts = new Dictionary<VmId, List<int>>();
        for (var u = 0; u < model.UnitCount; u++)
        {
            if (model.HostOf(u) >= 0 && model.InAffinityGroup(u))
            {
                var component = model.ComponentOf(u);
                if (!parts.TryGetValue(component, out var list))
                {
                    parts[component] = list = [];
                }

                list.Add(u);
            }
        }

        foreach (var (component, units) in parts.Where(p => p.Value.Count > 1))
        {
            split.Add(component);
            var anchor = units.OrderByDescending(u => model.VmsOf(u).Count).ThenBy(u => u).First();
            var home = model.HostOf(anchor);
            foreach (var u in units.Where(u => u != anchor))
            {
                if (!model.IsMovable(u) || !model.IsAvailable(model.HostOf(u)))
                {
                    Unresolved.Add($"affinity group of {component}: {model.UnitNames(u)} is on {model.HostAt(model.HostOf(u)).Id}, which DRS may not move it from now");
                    continue;
                }

                var refusal = model.Check(u, home);
                if (refusal == MoveRefusal.None)
                {
                    Commit(u, home, MigrationReason.MustRuleViolation, $"affinity group of {component} is split; joining it on {model.HostAt(home).Id}", 0, 0);
                    ReportBends(u, home, $"affinity (a must rule) puts it with the rest of its group on {model.HostAt(home).Id}");
                }
                else
                {
                    Unresolved.Add($"affinity group of {component} stays split: {model.HostAt(home).Id} cannot take {model.UnitNames(u)} ({model.Describe(u, home, refusal)})");
                }
            }
        }
    }

    private void Relocate(int u, MigrationReason reason, string why)
    {
        var target = TargetChooser.Best(model, u, withinConcurrency: true);
        if (target < 0)
        {
            Unresolved.Add($"{why}; {model.ExplainNoHost(u, withinConcurrency: true)}");
            return;
        }

        Commit(u, target, reason, why, 0, 0);
        ReportBends(u, target, $"to keep a must rule ({why}) no complying host had room");
    }

    private void ReportBends(int u, int target, string reason)
    {
        foreach (var (rule, vm) in model.ShouldBreaks(u, target))
        {
            Bends.Add(new RuleBend(rule, vm, model.HostAt(target).Id, reason));
        }
    }

    private void Commit(int u, int target, MigrationReason reason, string detail, double benefit, double cost)
    {
        var from = model.HostOf(u);
        model.Move(u, target);
        Migrations.AddRange(model.Recommend(u, from, target, reason, detail, benefit, cost, automatic));
    }

    /// <summary>Fills <paramref name="order"/> with the available hosts, least loaded first; returns how many.</summary>
    private int RankAvailableByLoad(int[] order)
    {
        var count = 0;
        for (var h = 0; h < model.HostCount; h++)
        {
            if (model.IsAvailable(h) && model.MigrationsOn(h) < settings.MaxConcurrentMigrationsPerHost)
            {
                order[count++] = h;
            }
        }

        var keys = new double[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = model.Load(order[i]);
        }

        Array.Sort(keys, order, 0, count);
        return count;
    }
}
