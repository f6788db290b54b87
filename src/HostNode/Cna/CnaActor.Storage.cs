using Cluster.Actors;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.HostNode.Cna;

/// <summary>
/// Storage write-leases, over the storage path (independent of the management network): acquired before
/// a VM starts, renewed every few seconds, released when it stops. A VM whose lease this host can no longer
/// renew is fenced (stopped) before the lease can expire, so HA may safely restart it elsewhere.
/// </summary>
public sealed partial class CnaActor
{
    private readonly Dictionary<VmId, HeldLease> _leases = [];

    private void AcquireLease(StartVm start, ActorRef controller)
    {
        var datastore = start.Spec.PrimaryDatastore;
        var startedAt = Context.Time.GetUtcNow();
        _settings.StorageLeases!.TryAcquireAsync(datastore.Value, start.VmId.Value, _settings.HostId.Value, start.Incarnation, _settings.Fencing.LeaseTtl).PipeTo(
            Self,
            result => new LeaseAcquired(start, controller, result, null, startedAt),
            error => new LeaseAcquired(start, controller, null, error, startedAt));
    }

    private void FinishStart(LeaseAcquired acquired)
    {
        var start = acquired.Command;
        string? refusal;
        if (acquired.Result is { Acquired: true })
        {
            refusal = _hypervisor.Start(start.VmId, start.Spec, start.Incarnation);
            if (refusal is null)
            {
                _leases[start.VmId] = new HeldLease(start.Spec.PrimaryDatastore, start.Incarnation, LeaseFencingPolicy.Start(_settings.Fencing, acquired.StartedAt));
            }
        }
        else if (acquired.Result is { } refused)
        {
            refusal = $"storage lease of {start.VmId} is held by {refused.Lease.HolderHostId} (incarnation {refused.Lease.Incarnation}): {refused.Refusal}";
        }
        else
        {
            refusal = $"storage unreachable for {start.VmId}: {acquired.Error?.Message}";
        }

        Reply(acquired.Controller, start.CommandId, refusal);
    }

    private void RenewAll()
    {
        // A guest that died (crash, blue screen) no longer writes: give its lease back so a restart can take it.
        var running = _hypervisor.Report().Where(r => r.PowerState == VmPowerState.Running).Select(r => (r.VmId, r.Incarnation)).ToHashSet();
        foreach (var (vm, held) in _leases.Where(l => !running.Contains((l.Key, l.Value.Incarnation))).ToList())
        {
            Release(vm, null);
        }

        var startedAt = Context.Time.GetUtcNow();
        foreach (var (vm, held) in _leases)
        {
            var vmId = vm;
            var incarnation = held.Incarnation;
                _settings.StorageLeases!.RenewAsync(held.Datastore.Value, vm.Value, _settings.HostId.Value, held.Incarnation, _settings.Fencing.LeaseTtl).PipeTo(
            Self,
                lease => new LeaseRenewed(vmId, incarnation, lease is null ? RenewalOutcome.Lost : RenewalOutcome.Succeeded, startedAt),
                _ => new LeaseRenewed(vmId, incarnation, RenewalOutcome.Failed, startedAt));
        }

        FenceOverdue();
        ProbeDatastores();
    }

    private void OnRenewed(LeaseRenewed renewed)
    {
        if (_leases.TryGetValue(renewed.VmId, out var held) && held.Incarnation == renewed.Incarnation)
        {
            _leases[renewed.VmId] = held with { Policy = held.Policy.Record(renewed.Outcome, renewed.StartedAt) };
        }

        FenceOverdue();
    }

    private void FenceOverdue()
    {
        var now = Context.Time.GetUtcNow();
        foreach (var (vm, held) in _leases.Where(l => l.Value.Policy.MustFence(now)).ToList())
        {
            Log.LogFencing(_settings.HostId, vm, held.Policy.LastSuccessAt);
            _hypervisor.Fence(vm);
            _leases.Remove(vm);
        }
    }

    private string? Release(VmId vm, string? refusal)
    {
        if (refusal is null && _leases.Remove(vm, out var held) && _settings.StorageLeases is { } store)
        {
            // Best effort: a release that does not arrive only means the next start waits for expiry.
            _ = store.ReleaseAsync(held.Datastore.Value, vm.Value, _settings.HostId.Value, held.Incarnation);
        }

        return refusal;
    }

    private sealed record HeldLease(DatastoreId Datastore, long Incarnation, LeaseFencingPolicy Policy);

    private sealed record RenewLeases
    {
        public static readonly RenewLeases Instance = new();
    }

    private sealed record LeaseAcquired(StartVm Command, ActorRef Controller, AcquireResult? Result, Exception? Error, DateTimeOffset StartedAt);

    private sealed record LeaseRenewed(VmId VmId, long Incarnation, RenewalOutcome Outcome, DateTimeOffset StartedAt);
}
