namespace Cluster.Messages;

// CNA -> VRM: registration once, then a heartbeat every few seconds. Missing heartbeats are how the
// VRM's failure detector decides a host is faulty.

/// <summary>One VM as its host sees it. The incarnation tells a restarted instance from a stale one.</summary>
public sealed record VmRuntimeReport(VmId VmId, VmPowerState PowerState, long Incarnation);

/// <summary>Whether a host can reach one of its datastores (probed through its storage-lease store), and if not why.</summary>
public sealed record DatastoreHealth(DatastoreId Datastore, bool Reachable, string? Problem = null);

/// <summary>
/// Periodic liveness and usage report from a host. Seq rises by one per heartbeat. Datastores (added later,
/// optional: null from an older agent, which the VRM takes as all reachable) is each datastore's health.
/// </summary>
public sealed record Heartbeat(
    HostId HostId,
    long Seq,
    long CpuMhzUsed,
    long MemoryMbUsed,
    IReadOnlyList<VmRuntimeReport> Vms,
    IReadOnlyList<DatastoreHealth>? Datastores = null) : IWireMessage;

/// <summary>A host announces itself: where to reach it, what it has, which datastores it can reach.</summary>
public sealed record HostRegister(
    HostId HostId,
    string Address,
    HostHardware Hardware,
    CpuFeatureSet CpuFeatures,
    IReadOnlyList<DatastoreId> ReachableDatastores) : IWireMessage;

/// <summary>The VRM refuses a registration (an invalid id, an address another host has, a removed host's heartbeat): the reason.</summary>
public sealed record HostRegistrationRefused(HostId HostId, string Reason) : IWireMessage;

/// <summary>
/// The VRM's acknowledgement of <see cref="HostRegister"/>, carrying its epoch (fencing token): the host
/// rejects later commands from any lower epoch. (Named apart from the persisted
/// <see cref="HostRegistered"/> inventory event.)
/// </summary>
public sealed record HostRegistrationAccepted(HostId HostId, long Epoch) : IWireMessage;

/// <summary>
/// The VRM refuses a host node for good: the host id it claims is held by another host node that is live (heard within
/// the detection window, still a cluster member). <paramref name="HolderAddress"/> is the live node's address. The
/// refused node exits rather than retry: the same id would only be refused again, and two agents answering for one
/// host would make its VMs flap.
/// </summary>
public sealed record HostIdInUse(HostId HostId, string HolderAddress, string Reason) : IWireMessage;
