using Cluster.HostNode.Storage;
using Cluster.Persistence.StorageLeases;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// What the CNA actor is told at start: who it is and what it has. It reaches the VRM only through the singleton
/// proxy it is given, so no controller address is configured here.
/// </summary>
public sealed record CnaSettings(
    HostId HostId,
    HostHardware Hardware,
    CpuFeatureSet CpuFeatures,
    IReadOnlyList<DatastoreId> Datastores)
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Up to this much random delay is added to each heartbeat (0 = none); the simulation uses it to test jitter.</summary>
    public TimeSpan HeartbeatJitter { get; init; } = TimeSpan.Zero;

    /// <summary>The storage path's lease store; null runs VMs without write-leases (no split-brain protection).</summary>
    public IStorageLeaseStore? StorageLeases { get; init; }

    public TimeSpan LeaseRenewInterval { get; init; } = StorageLeaseDefaults.RenewInterval;

    /// <summary>
    /// Set when the host has no usable storage-lease store (none configured, or it could not be opened): every
    /// datastore is reported unreachable for this reason, so the VRM places nothing here.
    /// </summary>
    public string? StorageUnusableBecause { get; init; }

    public LeaseFencingOptions Fencing { get; init; } = new();

    /// <summary>
    /// Applied to every running VM once the host is isolated (no controller reachable, isolation address silent). The
    /// Akka host supports only <see cref="IsolationResponse.LeaveRunning"/>: a host cut off from every controller is
    /// downed by the split-brain resolver and rejoins, and its VMs' storage leases keep HA from running them twice.
    /// </summary>
    public IsolationResponse IsolationResponse { get; init; } = IsolationResponse.LeaveRunning;

    public TimeSpan IsolationPingTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A re-watched controller that stays unreported this long is reachable again (longer than the DeathWatch window).</summary>
    public TimeSpan ControllerReachableAfter { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Each VM agent runs in its own child actor (the host process) instead of inside the CNA (the default).</summary>
    public bool AgentsAsChildren { get; init; }
}
