using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// Once every fault is healed, the inventory has every host Normal again, except hosts an operator put into maintenance
/// (Maintenance, or still EnteringMaintenance when an evacuation is blocked): those are where the operator left them.
/// </summary>
public sealed class HostsNormalWhenSettled : IInvariant
{
    public string Name => "hosts-normal-when-settled";

    public InvariantScope Scope => InvariantScope.WhenSettled;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problems.Describe(context.Inventory.Hosts.Where(h => h.State is not (HostState.Normal or HostState.Maintenance or HostState.EnteringMaintenance)).Select(h => $"host {h.HostId} is {h.State}"));
    }
}
