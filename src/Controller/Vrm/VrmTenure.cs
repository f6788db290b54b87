using Akka.Actor;
using Cluster.Runtime.Leases;

namespace Cluster.Controller.Vrm;

/// <summary>Who the VRM is while it runs: the lease holder and the lease's epoch, the fencing token on every host command.</summary>
public sealed record VrmTenure(long Epoch, string Holder)
{
    /// <summary>
    /// The tenure of a VRM running as the child of a ClusterSingletonManager with use-lease: the lease its manager
    /// acquired (the one instance LeaseProvider keeps for that name and owner).
    /// </summary>
    public static VrmTenure FromSingletonLease(IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lease = SingletonLease.Of(context.System, context.Parent.Path);
        return new VrmTenure(lease.Epoch, lease.Holder);
    }
}
