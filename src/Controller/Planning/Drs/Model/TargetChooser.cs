namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>
/// The host a unit should go to when it must move (a rule fix, an evacuation, a placement): among the
/// hosts that pass every check, the fewest should rules broken first, then the lowest load after the
/// move, then the lowest host id. Balancing does not use it: it weighs cost against benefit instead.
/// </summary>
internal static class TargetChooser
{
    // maxLoadAfter skips hosts the move would push past it (DPM's band edge); accept is an extra
    // filter, e.g. "not a host DPM is powering off". Returns -1 when no host qualifies.
    public static int Best(ClusterModel model, int u, bool withinConcurrency, double maxLoadAfter = double.PositiveInfinity, Func<int, bool>? accept = null)
    {
        var best = -1;
        var bestViolations = int.MaxValue;
        var bestLoad = double.MaxValue;
        for (var t = 0; t < model.HostCount; t++)
        {
            if ((accept is not null && !accept(t)) || model.Check(u, t, withinConcurrency) != MoveRefusal.None)
            {
                continue;
            }

            var load = model.LoadWith(u, t);
            if (load > maxLoadAfter)
            {
                continue;
            }

            var violations = model.ShouldViolations(u, t);
            if (violations < bestViolations || (violations == bestViolations && load < bestLoad))
            {
                (best, bestViolations, bestLoad) = (t, violations, load);
            }
        }

        return best;
    }
}
