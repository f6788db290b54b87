using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>Once every fault is healed, no VM is left half-way, in Starting or Stopping.</summary>
public sealed class NoVmStuckWhenSettled : IInvariant
{
    public string Name => "no-vm-stuck-when-settled";

    public InvariantScope Scope => InvariantScope.WhenSettled;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problems.Describe(context.Inventory.Vms
            .Where(vm => vm.PowerState is VmPowerState.Starting or VmPowerState.Stopping)
            .Select(vm => $"{vm.Spec.Name} ({vm.VmId}) is stuck in {vm.PowerState} on {vm.Host} #{vm.Incarnation}"));
    }
}
