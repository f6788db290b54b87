using Cluster.Messages;

namespace Cluster.Controller.Vrm.Vms;

/// <summary>
/// Starting a VM on a host, for an operator and for HA alike: it is placed there under a new incarnation, and the
/// start command is remembered until the host accepts or refuses it (a refusal sends HA to another host).
/// </summary>
public sealed class VmStarts(HostChannel hosts)
{
    private readonly Dictionary<long, StartInFlight> _inFlight = [];

    /// <summary>Places a stopped VM on a host under a new incarnation and tells the host to start it.</summary>
    public void StartOn(Decision decision, InventoryVm vm, HostId host, Action? after = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(vm);
        var incarnation = vm.NextIncarnation;
        decision.RecordAll(
            [new VmPlaced(vm.VmId, host, decision.Now), new VmPowerStateChanged(vm.VmId, vm.PowerState, VmPowerState.Starting, incarnation)],
            () =>
            {
                var commandId = hosts.NextCommandId();
                _inFlight[commandId] = new StartInFlight(vm.VmId, incarnation, host);
                hosts.Send(decision, host, new StartVm(hosts.Epoch, commandId, vm.VmId, vm.Spec, incarnation));
                after?.Invoke();
            });
    }

    /// <summary>The host accepted (or refused) a command: if it was a start, it is no longer in flight.</summary>
    public StartInFlight? Settle(long commandId) => _inFlight.Remove(commandId, out var start) ? start : null;
}
