using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>A VM as the inventory knows it: its spec, where it is placed, its power state and incarnation.</summary>
public sealed record InventoryVm(VmId VmId, VmSpec Spec, HostId? Host, VmPowerState PowerState, long Incarnation);
