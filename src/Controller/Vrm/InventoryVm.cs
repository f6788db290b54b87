using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>A VM as the inventory knows it: its spec, where it is placed, its power state and incarnation.</summary>
public sealed record InventoryVm(VmId VmId, VmSpec Spec, HostId? Host, VmPowerState PowerState, long Incarnation)
{
    /// <summary>The hosts it was placed on, newest first (at most <see cref="Inventory.HostHistoryKept"/>).</summary>
    public IReadOnlyList<HostVisit> HostHistory { get; init; } = [];

    /// <summary>Placed on a host in a state where it may run there (so a host failure concerns it).</summary>
    public bool IsOnHost => Host is not null && PowerState is VmPowerState.Running or VmPowerState.Starting or VmPowerState.Stopping or VmPowerState.Unknown;
}
