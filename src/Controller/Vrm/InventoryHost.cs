using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>A host as the inventory knows it.</summary>
public sealed record InventoryHost(
    HostId HostId,
    string Address,
    HostHardware Hardware,
    CpuFeatureSet CpuFeatures,
    IReadOnlyList<DatastoreId> Datastores,
    HostState State);
