using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>Once every fault is healed, each VM the inventory has Running runs on its host under the inventory's incarnation.</summary>
public sealed class InventoryMatchesHypervisorsWhenSettled : IInvariant
{
    public string Name => "inventory-matches-hypervisors-when-settled";

    public InvariantScope Scope => InvariantScope.WhenSettled;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var running = context.Cluster.RunningInstances();
        return Problems.Describe(context.Inventory.Vms
            .Where(vm => vm.PowerState == VmPowerState.Running && !running.Any(r => r.Vm == vm.VmId && r.Host == vm.Host && r.Incarnation == vm.Incarnation))
            .Select(vm => $"the inventory has {vm.Spec.Name} ({vm.VmId}) Running on {vm.Host} #{vm.Incarnation}, the hypervisors run it at [{string.Join(", ", running.Where(r => r.Vm == vm.VmId).Select(r => $"{r.Host} #{r.Incarnation}"))}]"));
    }
}
