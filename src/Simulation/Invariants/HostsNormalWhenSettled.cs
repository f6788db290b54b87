using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>Once every fault is healed, the inventory has every host Normal again.</summary>
public sealed class HostsNormalWhenSettled : IInvariant
{
    public string Name => "hosts-normal-when-settled";

    public InvariantScope Scope => InvariantScope.WhenSettled;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problems.Describe(context.Inventory.Hosts.Where(h => h.State != HostState.Normal).Select(h => $"host {h.HostId} is {h.State}"));
    }
}
