using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// No VM is lost: a VM the journal has Running on a Normal host, not migrating, while a controller is active, really runs
/// there under that incarnation, or stops being so within <see cref="Bound"/>. A VM that died is noticed by the next
/// heartbeat of its host that arrives (and marked Crashed, which HA takes from there), and a host that stops heartbeating
/// turns Faulty after 30 s (HA's failed-host path); either takes the VM out of this check. The bound leaves room for a
/// lossy management link on top of the 30 s. Whatever waits on a Faulty host, a migration saga or an absent controller is
/// not counted, and the clock restarts when that ends; settled runs check the rest (every inventory VM runs, HA VMs are
/// restarted). The journal is folded incrementally, so a step without new events costs a look at each VM's host.
/// </summary>
public sealed class NoVmLost : IInvariant
{
    /// <summary>How long a VM may be Running in the journal on a Normal host yet run nowhere there.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly Dictionary<VmId, (HostId? Host, VmPowerState State, long Incarnation)> _vms = [];
    private readonly Dictionary<HostId, HostState> _hosts = [];
    private readonly Dictionary<MigrationId, VmId> _openMigrations = [];
    private readonly HashSet<VmId> _migrating = [];
    private readonly Dictionary<VmId, TimeSpan> _missingSince = [];
    private readonly HashSet<VmId> _reported = [];
    private int _folded;

    public string Name => "no-vm-lost";

    public InvariantScope Scope => InvariantScope.EveryStep;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cluster = context.Cluster;
        Fold(cluster);
        if (cluster.ActiveController is null)
        {
            _missingSince.Clear();
            return null;
        }

        var now = cluster.World.Elapsed;
        List<string>? lost = null;
        foreach (var (vm, known) in _vms)
        {
            if (known.State != VmPowerState.Running || known.Host is not { } host || _hosts.GetValueOrDefault(host) != HostState.Normal
                || _migrating.Contains(vm) || Runs(cluster, host, vm, known.Incarnation))
            {
                _missingSince.Remove(vm);
                _reported.Remove(vm);
                continue;
            }

            if (!_missingSince.TryGetValue(vm, out var since))
            {
                _missingSince[vm] = now;
            }
            else if (now - since > Bound && _reported.Add(vm))
            {
                (lost ??= []).Add($"{context.VmName(vm)} has been Running on {host} #{known.Incarnation} in the journal since {Scenarios.Durations.Clock(since)} at least, but {host} does not run it");
            }
        }

        return lost is null ? null : Problems.Describe(lost);
    }

    private static bool Runs(SimulatedCluster cluster, HostId host, VmId vm, long incarnation)
    {
        if (!cluster.World.IsUp(host.Value) || !cluster.HostRuntimes.TryGetValue(host, out var runtime))
        {
            return false;
        }

        var reports = runtime.Hypervisor.Report();
        for (var i = 0; i < reports.Count; i++)
        {
            if (reports[i].VmId == vm && reports[i].PowerState == VmPowerState.Running && reports[i].Incarnation == incarnation)
            {
                return true;
            }
        }

        return false;
    }

    private void Fold(SimulatedCluster cluster)
    {
        var events = cluster.JournalSoFar();
        for (var i = _folded; i < events.Count; i++)
        {
            switch (events[i])
            {
                case VmCreated created:
                    _vms[created.VmId] = (null, VmPowerState.Stopped, 0);
                    break;
                case VmPlaced placed when _vms.TryGetValue(placed.VmId, out var vm):
                    _vms[placed.VmId] = vm with { Host = placed.Host };
                    break;
                case VmPowerStateChanged changed when _vms.TryGetValue(changed.VmId, out var vm):
                    _vms[changed.VmId] = (changed.To == VmPowerState.Stopped ? null : vm.Host, changed.To, changed.Incarnation);
                    break;
                case VmMigrated migrated when _vms.TryGetValue(migrated.VmId, out var vm):
                    _vms[migrated.VmId] = vm with { Host = migrated.To, Incarnation = migrated.Incarnation };
                    break;
                case VmDeleted deleted:
                    _vms.Remove(deleted.VmId);
                    break;
                case HostStateChanged host:
                    _hosts[host.HostId] = host.To;
                    break;
                case MigrationAdmitted admitted:
                    _openMigrations[admitted.MigrationId] = admitted.VmId;
                    _migrating.Add(admitted.VmId);
                    break;
                case MigrationPhaseChanged { To: MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed } ended
                    when _openMigrations.Remove(ended.MigrationId, out var migrated):
                    _migrating.Remove(migrated);
                    break;
            }
        }

        _folded = events.Count;
    }
}
