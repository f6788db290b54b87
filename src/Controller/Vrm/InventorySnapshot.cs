using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>The whole inventory at one sequence number; recovery starts from it and replays only later events.</summary>
public sealed record InventorySnapshot(
    IReadOnlyList<InventoryHost> Hosts,
    IReadOnlyList<InventoryVm> Vms,
    IReadOnlyList<DatastoreAdded> Datastores,
    IReadOnlyList<AlarmRaised> Alarms,
    long VmsEverCreated);
