using Cluster.Persistence.StorageLeases;

namespace Cluster.HostNode.Storage;

/// <summary>
/// When a host must stop a VM whose storage lease it cannot renew. <see cref="FenceAfter"/> must be shorter than the
/// lease's <see cref="LeaseTtl"/>: the VM is stopped before the lease can expire, so when HA sees it expired and
/// restarts the VM elsewhere, the old copy is already gone. The gap (default 5 s) is the budget for stopping the VM
/// plus the clock skew between this host and whoever judges expiry.
/// </summary>
public sealed record LeaseFencingOptions
{
    public static readonly TimeSpan DefaultFenceAfter = TimeSpan.FromSeconds(15);

    public TimeSpan FenceAfter { get; init; } = DefaultFenceAfter;

    public TimeSpan LeaseTtl { get; init; } = StorageLeaseDefaults.Ttl;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending field.</summary>
    public LeaseFencingOptions Validate()
    {
        if (LeaseTtl <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(LeaseTtl)} must be positive but was {LeaseTtl}.", nameof(LeaseTtl));
        }

        if (FenceAfter <= TimeSpan.Zero || FenceAfter >= LeaseTtl)
        {
            throw new ArgumentException(
                $"{nameof(FenceAfter)} must be positive and shorter than {nameof(LeaseTtl)} ({LeaseTtl}) but was {FenceAfter}: " +
                "a VM fenced after its lease expired may still run when HA restarts it elsewhere.",
                nameof(FenceAfter));
        }

        return this;
    }
}
