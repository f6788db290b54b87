using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>A VM as the inventory knows it: its spec, where it is placed, its power state and incarnation.</summary>
public sealed record InventoryVm(VmId VmId, VmSpec Spec, HostId? Host, VmPowerState PowerState, long Incarnation)
{
    /// <summary>The hosts it was placed on, newest first (at most <see cref="Inventory.HostHistoryKept"/>).</summary>
    public IReadOnlyList<HostVisit> HostHistory { get; init; } = [];

    /// <summary>
    /// The highest incarnation the VRM ever issued for this VM, a migration's target instance included even when the
    /// migration rolled back: a new start takes the one after it, so no two instances ever share an incarnation.
    /// </summary>
    public long HighestIncarnation { get; init; }

    /// <summary>The incarnation the next instance of this VM (a start, a restart or a migration's target) takes.</summary>
    public long NextIncarnation => Math.Max(Incarnation, HighestIncarnation) + 1;

    /// <summary>Placed on a host in a state where it may run there (so a host failure concerns it).</summary>
    public bool IsOnHost => Host is not null && PowerState is VmPowerState.Running or VmPowerState.Starting or VmPowerState.Stopping or VmPowerState.Unknown;
}
