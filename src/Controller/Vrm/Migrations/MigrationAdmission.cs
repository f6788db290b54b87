using Cluster.Controller.Planning.Placement;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>Where a migration request stands now: admissible to <see cref="Target"/>, waiting for room, or never admissible.</summary>
public sealed record AdmissionOutcome(HostId? Target, string? Wait, string? Never)
{
    public static AdmissionOutcome To(HostId target) => new(target, null, null);

    public static AdmissionOutcome WaitFor(string reason) => new(null, reason, null);

    public static AdmissionOutcome NeverBecause(string reason) => new(null, null, reason);
}

/// <summary>
/// The one admission path (docs/migration.md, "One queue"): the limits (per cluster, leaving a host, per host in and
/// out, per datastore) and placement with every open migration's reservation counted. A request that fails only for
/// want of room waits; one no host could take even with every reservation released is never admissible.
/// </summary>
public sealed class MigrationAdmission(VrmState state, VrmSettings settings)
{
    private MigrationBook Book => state.Migrations;

    /// <summary>Whether the VM (running on <paramref name="source"/>) can be admitted now, to <paramref name="named"/> if given.</summary>
    public AdmissionOutcome Check(InventoryVm vm, HostId source, HostId? named)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (LimitReached(vm, source) is { } limit)
        {
            return AdmissionOutcome.WaitFor(limit);
        }

        var atLimit = Book.Open.SelectMany(m => new[] { m.Admitted.Source, m.Admitted.Target })
            .GroupBy(h => h)
            .Where(g => g.Count() >= settings.MaxMigrationsPerHost)
            .Select(g => g.Key)
            .ToHashSet();
        var snapshot = state.PlanningSnapshot(settings.DatastoreOvercommit);
        var now = PlacementPlanner.Place(Candidates(snapshot, source, named, atLimit, withReservations: true), vm.VmId, vm.Spec);
        if (now.Host is { } chosen)
        {
            return AdmissionOutcome.To(chosen);
        }

        var ever = PlacementPlanner.Place(Candidates(snapshot, source, named, new HashSet<HostId>(), withReservations: false), vm.VmId, vm.Spec);
        if (ever.Host is null)
        {
            return AdmissionOutcome.NeverBecause($"no host can take VM {vm.VmId}: {Reasons(ever, source)}");
        }

        return AdmissionOutcome.WaitFor(named is { } target && atLimit.Contains(target)
            ? $"{target} takes part in {settings.MaxMigrationsPerHost} migration(s), the most a host does at once"
            : $"no host has room for VM {vm.VmId} until open migrations end: {Reasons(now, source)}");
    }

    /// <summary>The first limit a new migration of <paramref name="vm"/> from <paramref name="source"/> would pass, or null.</summary>
    public string? LimitReached(InventoryVm vm, HostId source)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (state.HotReconfiguring.Contains(vm.VmId))
        {
            return $"VM {vm.VmId} is being reconfigured on {source}, which has not yet confirmed it";
        }

        var open = Book.Open;
        if (open.Count >= settings.MaxConcurrentMigrations)
        {
            return $"{open.Count} migration(s) open, the most the cluster runs at once ({settings.MaxConcurrentMigrations})";
        }

        if (open.Count(m => m.Admitted.Source == source) >= settings.MaxOutboundMigrationsPerHost)
        {
            return $"{settings.MaxOutboundMigrationsPerHost} migration(s) leaving {source}, the most a host sends at once";
        }

        if (open.Count(m => m.Admitted.Source == source || m.Admitted.Target == source) >= settings.MaxMigrationsPerHost)
        {
            return $"{source} takes part in {settings.MaxMigrationsPerHost} migration(s), the most a host does at once";
        }

        foreach (var datastore in vm.Spec.Disks.Select(d => d.Datastore).Distinct())
        {
            var moving = open.Count(m => state.Inventory.Vm(m.Admitted.VmId)?.Spec.Disks.Any(d => d.Datastore == datastore) == true);
            if (moving >= settings.MaxMigrationsPerDatastore)
            {
                return $"{moving} migration(s) moving VMs of datastore {datastore}, the most one datastore carries at once ({settings.MaxMigrationsPerDatastore})";
            }
        }

        return null;
    }

    /// <summary>The planners' view with only the hosts a move may go to Normal: never the source nor a host at its limit, only the named host if one is.</summary>
    private ClusterSnapshot Candidates(ClusterSnapshot snapshot, HostId source, HostId? only, IReadOnlySet<HostId> atLimit, bool withReservations)
    {
        var hosts = snapshot.Hosts.Select(h => h.Id == source || atLimit.Contains(h.Id) || (only is { } named && h.Id != named) ? h with { State = HostState.Maintenance } : h);
        return new ClusterSnapshot(hosts, snapshot.Vms, snapshot.Rules, snapshot.DatastoreCapacityGb, withReservations ? Book.Reservations(state.Inventory) : null);
    }

    private static string Reasons(PlacementResult placement, HostId source)
    {
        var reasons = string.Join("; ", placement.Refusals.Where(r => r.Host != source).Select(r => $"{r.Host}: {r.Detail}"));
        return reasons.Length > 0 ? reasons : "no other Normal host";
    }
}
