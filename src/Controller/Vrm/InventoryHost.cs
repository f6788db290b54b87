using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>A host as the inventory knows it.</summary>
public sealed record InventoryHost(
    HostId HostId,
    string Address,
    HostHardware Hardware,
    CpuFeatureSet CpuFeatures,
    IReadOnlyList<DatastoreId> Datastores,
    HostState State)
{
    /// <summary>Datastores of <see cref="Datastores"/> the host last reported it cannot reach.</summary>
    public IReadOnlyList<DatastoreId> UnreachableDatastores { get; init; } = [];

    /// <summary>The datastores VMs may use on this host: attached and reachable.</summary>
    public IEnumerable<DatastoreId> HealthyDatastores => Datastores.Except(UnreachableDatastores);
}
