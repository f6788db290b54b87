using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Drs.Model;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// DRS as vSphere defines it, as pure functions of a <see cref="DrsInput"/>: a balancing pass (rule
/// fixes, then cost–benefit balancing on measured demand, within the concurrency limits) and the
/// initial placement of a new VM. The same input always gives the same plan.
/// </summary>
public static class DrsPlanner
{
    public static DrsPlan Plan(DrsInput input, DrsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        var model = new ClusterModel(input, settings);
        var before = model.Imbalance;
        var pass = new DrsPass(model, settings);
        pass.FixMustRules();
        if (settings.MigrationThreshold > MigrationThreshold.Conservative)
        {
            pass.FixShouldRules();
            pass.Balance();
        }

        return new DrsPlan(pass.Migrations, pass.Bends, pass.Unresolved, before, model.Imbalance, settings.ToleratedImbalance);
    }

    /// <summary>
    /// The host for a VM being powered on: every constraint and must rule kept, its affinity partners'
    /// host if they run, should rules kept when any host allows it, then the lowest load after
    /// placement; the admission policy has the last word on each candidate in that order.
    /// </summary>
    public static InitialPlacement PlaceNewVm(
        DrsInput input,
        VmId vm,
        VmSpec spec,
        VmUsage? usage,
        DrsSettings settings,
        IAdmissionPolicy? admission = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        admission ??= AdmissionControl.Disabled;
        var model = new ClusterModel(input, settings, new VmSnapshot(vm, spec, null, VmPowerState.Starting), usage);
        var unit = model.PlacingUnit;
        var partnerHost = PartnerHost(model, unit);
        var automatic = settings.AutomationLevel != DrsAutomationLevel.Manual;
        var refusedByAdmission = new List<string>();
        var candidates = Enumerable.Range(0, model.HostCount)
            .Where(t => (partnerHost < 0 || t == partnerHost) && model.Check(unit, t, withinConcurrency: false) == MoveRefusal.None)
            .OrderBy(t => model.ShouldViolations(unit, t))
            .ThenBy(t => model.LoadWith(unit, t))
            .ThenBy(t => t);
        foreach (var t in candidates)
        {
            var decision = admission.Check(input.Cluster, vm, spec, model.HostAt(t).Id);
            if (!decision.Admitted)
            {
                refusedByAdmission.Add($"{model.HostAt(t).Id}: {decision.Reason}");
                continue;
            }

            var host = model.HostAt(t).Id;
            var bends = model.ShouldBreaks(unit, t)
                .Select(b => new RuleBend(b.Rule, b.Vm, host, "no host that keeps the rule passes every must rule and has room"))
                .ToList();
            return new InitialPlacement(host, automatic, bends, $"least loaded eligible host ({model.LoadWith(unit, t):0.###} after placement)");
        }

        var why = refusedByAdmission.Count > 0
            ? $"admission control refuses every eligible host: {string.Join("; ", refusedByAdmission)}"
            : partnerHost >= 0
                ? $"its affinity partners run on {model.HostAt(partnerHost).Id}, which cannot take it ({model.Describe(unit, partnerHost, model.Check(unit, partnerHost, withinConcurrency: false))})"
                : model.ExplainNoHost(unit, withinConcurrency: false);
        return new InitialPlacement(null, automatic, [], why);
    }

    /// <summary>The host the VM's affinity partners run on (the largest part's if they are split), or -1.</summary>
    private static int PartnerHost(ClusterModel model, int unit)
    {
        if (!model.InAffinityGroup(unit))
        {
            return -1;
        }

        var component = model.ComponentOf(unit);
        var best = (Host: -1, Count: 0);
        for (var u = 0; u < model.UnitCount; u++)
        {
            if (u != unit && model.HostOf(u) >= 0 && model.ComponentOf(u) == component && model.VmsOf(u).Count > best.Count)
            {
                best = (model.HostOf(u), model.VmsOf(u).Count);
            }
        }

        return best.Host;
    }
}
