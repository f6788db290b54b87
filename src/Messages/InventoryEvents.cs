namespace Cluster.Messages;

// The VRM's persisted events: the journal a standby controller replays to rebuild the inventory.

/// <summary>An event of the VRM's inventory journal.</summary>
public interface IInventoryEvent : IWireMessage;

public sealed record HostRegistered(
    HostId HostId,
    string Address,
    HostHardware Hardware,
    CpuFeatureSet CpuFeatures,
    IReadOnlyList<DatastoreId> ReachableDatastores) : IInventoryEvent;

public sealed record HostStateChanged(HostId HostId, HostState From, HostState To, string Reason) : IInventoryEvent;

public sealed record DatastoreAdded(DatastoreId DatastoreId, string Name, long CapacityGb) : IInventoryEvent;

public sealed record VmCreated(VmId VmId, VmSpec Spec) : IInventoryEvent;

/// <summary>The VM is placed on a host. <paramref name="At"/> (added later, optional) dates the host history.</summary>
public sealed record VmPlaced(VmId VmId, HostId Host, DateTimeOffset? At = null) : IInventoryEvent;

public sealed record VmPowerStateChanged(VmId VmId, VmPowerState From, VmPowerState To, long Incarnation) : IInventoryEvent;

public sealed record VmDeleted(VmId VmId) : IInventoryEvent;

/// <summary>An operator changed a stopped VM's HA setting, restart priority or QoS: the whole new spec.</summary>
public sealed record VmReconfigured(VmId VmId, VmSpec Spec) : IInventoryEvent;

/// <summary>An operator removed a host with no VMs; it re-enters the inventory only by registering again.</summary>
public sealed record HostRemoved(HostId HostId, string Reason) : IInventoryEvent;

/// <summary>The datastores a host reports it cannot reach changed (empty: all reachable). Planners skip those.</summary>
public sealed record HostDatastoreHealthChanged(HostId HostId, IReadOnlyList<DatastoreId> Unreachable) : IInventoryEvent;

/// <summary>A live migration completed: the VM runs on <paramref name="To"/> as <paramref name="Incarnation"/>; the instance on <paramref name="From"/> is being quit.</summary>
public sealed record VmMigrated(VmId VmId, HostId From, HostId To, long Incarnation, MigrationId MigrationId, DateTimeOffset At) : IInventoryEvent;

/// <summary>A storage migration completed: every disk of the VM is now on <paramref name="To"/> (they were on <paramref name="From"/>), and so is its storage lease.</summary>
public sealed record VmDisksMoved(VmId VmId, DatastoreId From, DatastoreId To, MigrationId MigrationId, DateTimeOffset At) : IInventoryEvent;
