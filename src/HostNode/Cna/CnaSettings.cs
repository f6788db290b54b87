using Cluster.Actors;
using Cluster.HostNode.Storage;
using Cluster.Persistence.StorageLeases;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>What a CNA agent is told at start: who it is, what it has, and where the controllers are.</summary>
public sealed record CnaSettings(
    HostId HostId,
    HostHardware Hardware,
    CpuFeatureSet CpuFeatures,
    IReadOnlyList<DatastoreId> Datastores,
    IReadOnlyList<ActorPath> Controllers)
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

    /// <summary>Applied to every running VM once the host is isolated (no controller reachable, isolation address silent).</summary>
    public IsolationResponse IsolationResponse { get; init; } = IsolationResponse.LeaveRunning;

    /// <summary>An actor that answers pings, on the management network (vSphere's isolation address, usually the gateway).</summary>
    public ActorPath? IsolationAddress { get; init; }

    public TimeSpan IsolationPingTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A re-watched controller that stays unreported this long is reachable again (longer than the DeathWatch window).</summary>
    public TimeSpan ControllerReachableAfter { get; init; } = TimeSpan.FromSeconds(12);
}
