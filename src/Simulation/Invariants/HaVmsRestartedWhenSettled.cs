using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// Once every fault is healed, no HA-enabled VM is left Crashed, unless HA gave up on it with an alarm
/// (<see cref="HaRestartAbandoned"/>), which is the operator's to resolve.
/// </summary>
public sealed class HaVmsRestartedWhenSettled : IInvariant
{
    public string Name => "ha-vms-restarted-when-settled";

    public InvariantScope Scope => InvariantScope.WhenSettled;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var abandoned = context.Cluster.JournalEvents().OfType<HaRestartAbandoned>().Select(e => e.VmId).ToHashSet();
        return Problems.Describe(context.Inventory.Vms
            .Where(vm => vm.Spec.HaEnabled && vm.PowerState == VmPowerState.Crashed && !abandoned.Contains(vm.VmId))
            .Select(vm => $"HA-enabled {vm.Spec.Name} ({vm.VmId}) is Crashed on {vm.Host} #{vm.Incarnation} and was not restarted"));
    }
}
