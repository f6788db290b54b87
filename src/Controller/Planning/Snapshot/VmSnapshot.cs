using Cluster.Messages;

namespace Cluster.Controller.Planning.Snapshot;

/// <summary>A VM as the planners see it: its spec, where it is (if anywhere) and its power state.</summary>
public sealed record VmSnapshot(VmId Id, VmSpec Spec, HostId? Host, VmPowerState PowerState)
{
    /// <summary>What the VM takes from its host by the planners' accounting (see <see cref="VmDemand"/>).</summary>
    public Resources Demand => VmDemand.Of(Spec);

    /// <summary>
    /// True while the VM holds its host's resources: powered on, on its way up or down, or Unknown
    /// (its host went silent; it may still run, and if not, HA will need the room elsewhere).
    /// </summary>
    public bool HoldsResources =>
        Host is not null && PowerState is VmPowerState.Starting or VmPowerState.Running or VmPowerState.Stopping or VmPowerState.Unknown;
}
