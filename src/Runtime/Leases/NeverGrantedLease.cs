using Akka.Actor;
using Akka.Coordination;

namespace Cluster.Runtime.Leases;

/// <summary>
/// The split-brain resolver's lease on host nodes: it is never granted. Lease-majority over role <c>controller</c>
/// must be won only by a side with a controller; were hosts given the real lease, a side of hosts alone could take it
/// first and down every controller. With this one, a side without controllers always downs itself — its VMs keep
/// running (storage leases, not membership, decide that) and the node rejoins once the partition heals.
/// </summary>
public sealed class NeverGrantedLease(LeaseSettings settings, ExtendedActorSystem system) : Lease(settings)
{
    /// <summary>Kept for Akka's reflective constructor signature; the lease needs nothing from the system.</summary>
    public ExtendedActorSystem System { get; } = system;

    public override Task<bool> Acquire() => Task.FromResult(false);

    public override Task<bool> Acquire(Action<Exception> leaseLostCallback) => Task.FromResult(false);

    public override Task<bool> Release() => Task.FromResult(true);

    public override bool CheckLease() => false;
}
