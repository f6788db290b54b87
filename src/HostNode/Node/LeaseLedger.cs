using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;

namespace Cluster.HostNode.Node;

/// <summary>
/// The storage leases this host holds, as the store last confirmed them, kept for the whole process next to the
/// hypervisor and outside any actor system. When the node is downed and rejoins, the new CNA's agents adopt these
/// leases for the VMs still running (<see cref="AdoptedLease"/>), so the same holder and incarnation keep renewing
/// them and each fencing deadline still counts from the last confirmed renewal. Written by the effect runner from
/// the store's answers only, never by a decider, so the deciders stay deterministic.
/// </summary>
public sealed class LeaseLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<VmId, AdoptedLease> _held = [];

    /// <summary>The leases held now, in VM order.</summary>
    public IReadOnlyList<AdoptedLease> Held()
    {
        lock (_gate)
        {
            return [.. _held.Values.OrderBy(l => l.Vm)];
        }
    }

    /// <summary>Takes back the leases a previous process of this host held (<see cref="KeptGuests"/>).</summary>
    public void Restore(IEnumerable<AdoptedLease> leases)
    {
        ArgumentNullException.ThrowIfNull(leases);
        lock (_gate)
        {
            foreach (var lease in leases)
            {
                _held[lease.Vm] = lease;
            }
        }
    }

    /// <summary>Notes what an effect and its answer mean for the leases held.</summary>
    public void Record(object effect, object? answer)
    {
        lock (_gate)
        {
            switch (answer ?? effect)
            {
                case StorageLeaseAcquired { Result.Acquired: true } acquired:
                    var request = acquired.Request;
                    _held[request.Vm] = new AdoptedLease(request.Vm, request.Datastore, request.Incarnation, request.StartedAt);
                    break;
                case StorageLeaseRenewed { Outcome: RenewalOutcome.Succeeded } renewed
                    when _held.TryGetValue(renewed.Request.Vm, out var lease) && lease.Incarnation == renewed.Request.Incarnation && renewed.Request.StartedAt > lease.LastRenewedAt:
                    _held[lease.Vm] = lease with { LastRenewedAt = renewed.Request.StartedAt };
                    break;
                case StorageLeaseRenewed { Outcome: RenewalOutcome.Lost } lost:
                    Forget(lost.Request.Vm, lost.Request.Incarnation);
                    break;
                case ReleaseStorageLease release:
                    Forget(release.Vm, release.Incarnation);
                    break;
                case StorageLeaseReleased released:
                    Forget(released.Request.Vm, released.Request.Incarnation);
                    break;
                case HypervisorOperationPerformed { Request.Operation: FenceGuest fence }:
                    _held.Remove(fence.Vm);
                    break;
                case HypervisorOperationPerformed { Request.Operation: KillGuestIncarnation kill }:
                    Forget(kill.Vm, kill.Incarnation);
                    break;
            }
        }
    }

    private void Forget(VmId vm, long incarnation)
    {
        if (_held.TryGetValue(vm, out var lease) && lease.Incarnation == incarnation)
        {
            _held.Remove(vm);
        }
    }
}
