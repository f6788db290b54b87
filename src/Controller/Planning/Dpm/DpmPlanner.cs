using System.Globalization;
using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Drs.Model;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Dpm;

/// <summary>
/// DPM as a pure function: (cluster and demand, settings, previous state, now) -> (plan, new state).
/// Powers hosts on when fewer than the minimum are on, when the HA admission policy needs capacity, or
/// when demand has stayed above the band for the power-on window; otherwise powers off hosts that have
/// stayed below the band for the power-off window, one by one, each only if its VMs fit on the other
/// hosts without pushing any above the band, without bending a should rule, with the cluster still at
/// or under the target, and with the admission policy still satisfied.
/// </summary>
public static class DpmPlanner
{
    public static DpmResult Plan(DrsInput input, DpmSettings settings, DpmState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(state);
        var inFlight = state.InFlight.Where(op => op.ReadyAt > now).ToList();
        var transition = inFlight.Select(op => op.Host).ToHashSet();
        var unavailable = input.UnavailableHosts.Concat(transition).ToHashSet();
        var model = new ClusterModel(input with { UnavailableHosts = unavailable }, settings.Constraints);
        var below = new Dictionary<HostId, DateTimeOffset>();
        for (var h = 0; h < model.HostCount; h++)
        {
            if (model.IsAvailable(h) && model.Load(h) < settings.LowEdge)
            {
                below[model.HostAt(h).Id] = state.BelowBandSince.TryGetValue(model.HostAt(h).Id, out var since) ? since : now;
            }
        }

        var utilisation = Utilisation(model, extraCpu: 0, extraMemory: 0, without: -1);
        var hot = Enumerable.Range(0, model.HostCount).Any(h => model.IsAvailable(h) && model.Load(h) > settings.HighEdge);
        var pressure = hot && utilisation > settings.TargetUtilisation;
        DateTimeOffset? aboveSince = pressure ? state.AboveBandSince ?? now : null;
        var pass = new DpmPass(model, settings, input, now, inFlight);
        pass.PowerOn(pressure && now - aboveSince >= settings.PowerOnWindow);
        if (pass.Recommendations.Any(r => r.Reason == PowerReason.DemandAboveBand))
        {
            aboveSince = null; // a new window must pass before more hosts are asked for
        }

        if (!pressure && pass.Recommendations.Count == 0)
        {
            pass.PowerOff(below.Where(b => now - b.Value >= settings.PowerOffWindow).Select(b => model.IndexOf(b.Key)));
        }

        foreach (var off in pass.Recommendations.Where(r => r.Action == PowerAction.PowerOff))
        {
            below.Remove(off.Host);
        }

        var automatic = settings.AutomationLevel == DpmAutomationLevel.Automatic;
        var started = automatic ? pass.Recommendations.Select(r => new PowerOperation(r.Host, r.Action, now, r.ReadyAt)) : [];
        var plan = new DpmPlan(pass.Recommendations, pass.KeptOn, utilisation, settings.LowEdge, settings.HighEdge);
        return new DpmResult(plan, new DpmState([.. inFlight, .. started], below, aboveSince));
    }

    /// <summary>
    /// Capacity-weighted utilisation of the available hosts (optionally without one host, or with
    /// extra capacity): demand over capacity for CPU, and for active memory when memory is balanced.
    /// </summary>
    internal static double Utilisation(ClusterModel model, double extraCpu, double extraMemory, int without)
    {
        double cpu = 0, cpuCapacity = extraCpu, memory = 0, memoryCapacity = extraMemory;
        for (var h = 0; h < model.HostCount; h++)
        {
            if (!model.IsAvailable(h) && h != without)
            {
                continue;
            }

            var usage = model.UsageOf(h);
            cpu += usage.CpuDemand;
            memory += usage.ActiveMemory;
            if (h != without)
            {
                cpuCapacity += usage.CpuCapacity;
                memoryCapacity += usage.MemoryCapacity;
            }
        }

        var cpuShare = cpuCapacity > 0 ? cpu / cpuCapacity : (cpu > 0 ? double.PositiveInfinity : 0);
        var memoryShare = memoryCapacity > 0 ? memory / memoryCapacity : (memory > 0 ? double.PositiveInfinity : 0);
        return model.Settings.BalanceMemory ? Math.Max(cpuShare, memoryShare) : cpuShare;
    }

    internal static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#} %");
}
