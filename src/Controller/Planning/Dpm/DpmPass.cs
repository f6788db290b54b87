using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Drs.Model;
using Cluster.Controller.Planning.Evacuation;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Dpm;

/// <summary>The decisions of one DPM pass, made against a model so each power-off sees the ones before it.</summary>
internal sealed class DpmPass(ClusterModel model, DpmSettings settings, DrsInput input, DateTimeOffset now, IReadOnlyList<PowerOperation> inFlight)
{
    private readonly bool automatic = settings.AutomationLevel == DpmAutomationLevel.Automatic;
    private readonly HashSet<HostId> poweredOff = [];
    private readonly Dictionary<VmId, HostId> moved = [];

    public List<PowerRecommendation> Recommendations { get; } = [];

    public List<string> KeptOn { get; } = [];

    private int HostsOn =>
        Enumerable.Range(0, model.HostCount).Count(model.IsAvailable) + inFlight.Count(op => op.Action == PowerAction.PowerOn)
        + Recommendations.Count(r => r.Action == PowerAction.PowerOn);

    /// <summary>Standby hosts in the order DPM wakes them: largest CPU capacity first, then host id.</summary>
    private List<HostSnapshot> Standby() =>
    [
        .. input.Cluster.Hosts
            .Where(h => h.State == HostState.PoweredOff && !input.UnavailableHosts.Contains(h.Id)
                && inFlight.All(op => op.Host != h.Id) && Recommendations.All(r => r.Host != h.Id))
            .OrderByDescending(h => h.Hardware.CpuCapacityMhz)
            .ThenBy(h => h.Id),
    ];

    public void PowerOn(bool demandWindowPassed)
    {
        var missing = settings.MinHostsOn - HostsOn;
        foreach (var host in Standby().Take(Math.Max(0, missing)))
        {
            Wake(host, PowerReason.MinimumHostsOn, $"{HostsOn} host(s) on or coming up, minimum {settings.MinHostsOn}");
        }

        var poweringOn = inFlight.Any(op => op.Action == PowerAction.PowerOn) || Recommendations.Count > 0;
        if (!ReferenceEquals(settings.Admission, AdmissionControl.Disabled) && !poweringOn
            && AdmissionProbe.Check(settings.Admission, input.Cluster) is { Admitted: false } refusal
            && Standby().FirstOrDefault() is { } forHa)
        {
            Wake(forHa, PowerReason.HaCapacity, $"{settings.Admission.Description}: {refusal.Reason}");
        }

        if (demandWindowPassed)
        {
            WakeForDemand();
        }
    }

    public void PowerOff(IEnumerable<int> candidates)
    {
        var receivers = new HashSet<int>();
        var failover = (settings.Admission as DedicatedFailoverHostsPolicy)?.FailoverHosts;
        foreach (var c in candidates.OrderBy(model.Load).ThenBy(c => c))
        {
            var id = model.HostAt(c).Id;
            if (Recommendations.Count >= settings.MaxPowerOffsPerPass)
            {
                return;
            }

            if (HostsOn - 1 < settings.MinHostsOn)
            {
                KeptOn.Add($"{id}: the minimum of {settings.MinHostsOn} host(s) on is reached");
                return;
            }

            if (failover?.Contains(id) == true || receivers.Contains(c))
            {
                KeptOn.Add($"{id}: {(receivers.Contains(c) ? "takes VMs of a host powered off in this pass" : "a dedicated failover host")}");
                continue;
            }

            var after = DpmPlanner.Utilisation(model, 0, 0, without: c);
            if (after > settings.TargetUtilisation)
            {
                KeptOn.Add($"{id}: without it the hosts on would run at {DpmPlanner.Percent(after)}, above the target {DpmPlanner.Percent(settings.TargetUtilisation)}");
                continue;
            }

            TryPowerOff(c, receivers);
        }
    }

    private void TryPowerOff(int c, HashSet<int> receivers)
    {
        var id = model.HostAt(c).Id;
        var mark = model.LogLength;
        var evacuation = HostEmptier.Empty(model, c, MigrationReason.PowerOff, automatic, allowBends: false, settings.HighEdge);
        if (!evacuation.CanEvacuate)
        {
            Undo(c, mark);
            KeptOn.Add($"{id}: {string.Join("; ", evacuation.Blockers)}");
            return;
        }

        var movedHere = evacuation.Migrations.ToDictionary(m => m.Vm, m => m.Target);
        if (!ReferenceEquals(settings.Admission, AdmissionControl.Disabled))
        {
            var snapshot = AdmissionProbe.After(input.Cluster, poweredOff.Append(id).ToHashSet(), moved.Concat(movedHere).ToDictionary());
            if (AdmissionProbe.Check(settings.Admission, snapshot) is { Admitted: false } refusal)
            {
                Undo(c, mark);
                KeptOn.Add($"{id}: powering it off breaks {settings.Admission.Description} ({refusal.Reason})");
                return;
            }
        }

        poweredOff.Add(id);
        foreach (var (vm, target) in movedHere)
        {
            moved[vm] = target;
            receivers.Add(model.IndexOf(target));
        }

        // The evacuation runs within the per-host migration limit before the host can go down.
        var evacuationSeconds = evacuation.Migrations.Sum(m => m.EstimatedSeconds) / Math.Max(1, settings.Constraints.MaxConcurrentMigrationsPerHost);
        var readyAt = now + TimeSpan.FromSeconds(evacuationSeconds) + settings.PowerOffLatency;
        Recommendations.Add(new PowerRecommendation(
            id,
            PowerAction.PowerOff,
            PowerReason.LowUtilisation,
            $"below {DpmPlanner.Percent(settings.LowEdge)} for {settings.PowerOffWindow.TotalMinutes:0} min; {evacuation.Migrations.Count} VM(s) fit elsewhere within the band",
            evacuation.Migrations,
            readyAt,
            automatic));
    }

    private void Undo(int c, int mark)
    {
        model.UndoTo(mark);
        model.SetAvailable(c, true);
    }

    /// <summary>Wakes the fewest standby hosts that bring the utilisation of the hosts on (and coming up) to the target.</summary>
    private void WakeForDemand()
    {
        double extraCpu = 0, extraMemory = 0;
        foreach (var op in inFlight.Where(op => op.Action == PowerAction.PowerOn))
        {
            AddCapacity(input.Cluster.FindHost(op.Host), ref extraCpu, ref extraMemory);
        }

        foreach (var r in Recommendations)
        {
            AddCapacity(input.Cluster.FindHost(r.Host), ref extraCpu, ref extraMemory);
        }

        var woken = 0;
        foreach (var host in Standby())
        {
            var utilisation = DpmPlanner.Utilisation(model, extraCpu, extraMemory, without: -1);
            if (utilisation <= settings.TargetUtilisation || woken >= settings.MaxPowerOnsPerPass)
            {
                return;
            }

            Wake(host, PowerReason.DemandAboveBand, $"hosts on run at {DpmPlanner.Percent(utilisation)} with some above {DpmPlanner.Percent(settings.HighEdge)} for {settings.PowerOnWindow.TotalMinutes:0} min");
            AddCapacity(host, ref extraCpu, ref extraMemory);
            woken++;
        }
    }

    private static void AddCapacity(HostSnapshot? host, ref double cpu, ref double memory)
    {
        if (host is not null)
        {
            cpu += host.Hardware.CpuCapacityMhz;
            memory += host.Hardware.UsableMemoryMb;
        }
    }

    private void Wake(HostSnapshot host, PowerReason reason, string detail) =>
        Recommendations.Add(new PowerRecommendation(host.Id, PowerAction.PowerOn, reason, detail, [], now + settings.PowerOnLatency, automatic));
}
