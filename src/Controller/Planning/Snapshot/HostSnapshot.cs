using Cluster.Messages;

namespace Cluster.Controller.Planning.Snapshot;

/// <summary>A host as the planners see it: its state, what it has, and which datastores it reaches.</summary>
public sealed record HostSnapshot(
    HostId Id,
    HostState State,
    HostHardware Hardware,
    CpuFeatureSet CpuFeatures,
    IReadOnlySet<DatastoreId> Datastores)
{
    /// <summary>What VMs may use: the hardware less the management reservation.</summary>
    public Resources Capacity => Hardware.Capacity;
}
