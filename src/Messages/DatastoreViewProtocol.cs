namespace Cluster.Messages;

// The datastore inventory as operators see it (GET /api/datastores, the shell's datastore list|show): capacity and
// what is provisioned on it, the hosts that reach it and their health, and the VMs with disks on it.

/// <summary>
/// One datastore. <paramref name="ProvisionedGb"/> adds up the disks of every VM on it; <paramref name="InUseGb"/> only
/// those of VMs that hold resources (starting, running, stopping, unknown), which is what a start is checked against:
/// <paramref name="FreeGb"/> is <paramref name="ProvisionableGb"/> (capacity times the overcommit) less that.
/// </summary>
public sealed record DatastoreView(
    DatastoreId DatastoreId,
    string Name,
    long CapacityGb,
    double Overcommit,
    long ProvisionableGb,
    long ProvisionedGb,
    long InUseGb,
    long FreeGb,
    IReadOnlyList<DatastoreHostView> Hosts,
    IReadOnlyList<DatastoreVmView> Vms) : IWireMessage;

/// <summary>A host that reaches (or should reach) the datastore, with its last reported health.</summary>
public sealed record DatastoreHostView(HostId HostId, HostState State, bool Reachable, string? Problem = null);

/// <summary>A VM with disks on the datastore: how many and how large together.</summary>
public sealed record DatastoreVmView(VmId VmId, string Name, VmPowerState PowerState, int Disks, long DiskGb);

public sealed record DatastoreList(IReadOnlyList<DatastoreView> Datastores) : IWireMessage;
