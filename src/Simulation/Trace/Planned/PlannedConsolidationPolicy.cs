using Cluster.Controller.Planning.Dpm;
using Cluster.Controller.Planning.Drs;
using Cluster.Messages;

namespace Cluster.Simulation.Trace;

/// <summary>
/// Policy <c>ours</c>: the controller's own DPM and DRS planners, run every round on forecast demand.
/// DPM first (power hosts on under pressure, empty and power off hosts that stayed below the band),
/// then DRS balances the hosts that stay on, within its concurrency limits and cost–benefit rule.
/// Only automatic recommendations are carried out, as a fully automated cluster would.
/// </summary>
public sealed class PlannedConsolidationPolicy(PlannedPolicySettings settings) : IConsolidationPolicy
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;

    // DPM's evacuations keep the same constraints as DRS's moves.
    private readonly DpmSettings dpmSettings = settings.Dpm with { Constraints = settings.Drs };
    private readonly HashSet<int> keptOn = [];
    private TraceClusterModel? model;
    private DpmState dpmState = DpmState.Initial;

    public PlannedConsolidationPolicy()
        : this(PlannedPolicySettings.Default)
    {
    }

    public string Name => "ours";

    public bool IsPowerAware => true;

    public PlannedPolicySettings Settings { get; } = settings;

    /// <summary>The same power-aware best fit the CloudSim policies start from, so runs differ only in consolidation.</summary>
    public IReadOnlyList<Migration> PlaceInitially(IDataCenterView view) =>
        CloudSimInitialPlacement.PowerAwareBestFit(view, new ThresholdDetector(Settings.Dpm.HighEdge));

    public IReadOnlyList<Migration> Consolidate(IDataCenterView view)
    {
        model ??= new TraceClusterModel(view);
        var now = Start + TimeSpan.FromSeconds(view.Time);
        var input = model.Build(view, keptOn, Settings.Forecast);

        var dpm = DpmPlanner.Plan(input, dpmSettings, dpmState, now);
        dpmState = dpm.State;
        var moves = new Dictionary<VmId, HostId>();
        var evacuating = new HashSet<HostId>();
        foreach (var power in dpm.Plan.Recommendations.Where(r => r.Automatic))
        {
            var host = model.HostIndex[power.Host];
            if (power.Action == PowerAction.PowerOn)
            {
                keptOn.Add(host);
                continue;
            }

            keptOn.Remove(host);
            evacuating.Add(power.Host);
            foreach (var move in power.Evacuation)
            {
                moves[move.Vm] = move.Target;
            }
        }

        var afterDpm = Moved(input, moves, evacuating, dpm.State.HostsInTransition(now));
        var drs = DrsPlanner.Plan(afterDpm, Settings.Drs);
        foreach (var move in drs.Migrations.Where(m => m.Automatic))
        {
            moves[move.Vm] = move.Target;
        }

        return [.. moves.Select(m => new Migration(model.VmIndex[m.Key], model.HostIndex[m.Value])).OrderBy(m => m.Vm)];
    }

    /// <summary>The input as DRS must see it after DPM's evacuations: those VMs on their targets and in flight.</summary>
    private static DrsInput Moved(DrsInput input, Dictionary<VmId, HostId> moves, HashSet<HostId> evacuating, IReadOnlySet<HostId> inTransition)
    {
        if (moves.Count == 0 && inTransition.Count == 0)
        {
            return input;
        }

        var cluster = input.Cluster;
        var vms = cluster.Vms.Select(vm => moves.TryGetValue(vm.Id, out var target) ? vm with { Host = target } : vm);
        var inFlight = input.InFlightMigrations.Concat(moves.Select(m => new InFlightMigration(m.Key, cluster.FindVm(m.Key)!.Host!.Value, m.Value)));
        return input with
        {
            Cluster = new(cluster.Hosts, vms, cluster.Rules),
            InFlightMigrations = [.. inFlight],
            UnavailableHosts = new HashSet<HostId>(input.UnavailableHosts.Concat(evacuating).Concat(inTransition)),
        };
    }
}
