using Cluster.Controller.Vrm;
using Cluster.Controller.Vrm.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Alarms;

/// <summary>
/// When an alarm's condition has ended, judged from the inventory alone (so a controller that takes over
/// judges exactly as its predecessor would). Null: the condition still holds. Kinds whose end the
/// inventory cannot see (unexpected-vm, command-rejected) are cleared by the VRM where it sees the end.
/// </summary>
public static class AlarmRules
{
    public static string? EndedBecause(Alarm alarm, Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(inventory);
        if (alarm.Related is { Kind: AlarmObjectKind.Host } related && inventory.Host(HostId.From(related.Id)) is null)
        {
            return $"host {related.Id} was removed";
        }

        return alarm.Kind switch
        {
            AlarmKinds.HostFaulty => HostFaultyEnded(HostId.From(alarm.Object.Id), inventory),
            AlarmKinds.MaintenanceBlocked => MaintenanceBlockedEnded(HostId.From(alarm.Object.Id), inventory),
            AlarmKinds.VmIsolated => VmIsolatedEnded(alarm, inventory),
            AlarmKinds.HaLeaseUnreadable or AlarmKinds.HaRestartAbandoned => VmSettled(VmId.From(alarm.Object.Id), inventory),
            AlarmKinds.VmStopUnconfirmed => VmNotStopping(VmId.From(alarm.Object.Id), inventory),
            AlarmKinds.RuleViolated => RuleHolds(alarm.Object.Id, inventory),
            AlarmKinds.CommandRejected or AlarmKinds.DatastoreUnreachable or AlarmKinds.DuplicateHostId when alarm.Object.Kind == AlarmObjectKind.Host && inventory.Host(HostId.From(alarm.Object.Id)) is null =>
                $"host {alarm.Object.Id} was removed",
            _ => null,
        };
    }

    private static string? HostFaultyEnded(HostId host, Inventory inventory) => inventory.Host(host) switch
    {
        null => $"host {host} was removed",
        { State: HostState.Faulty } => null,
        var known => $"host {host} is {known.State}",
    };

    private static string? MaintenanceBlockedEnded(HostId host, Inventory inventory) => inventory.Host(host) switch
    {
        null => $"host {host} was removed",
        { State: HostState.EnteringMaintenance } => null,
        var known => $"host {host} is {known.State}",
    };

    private static string? VmIsolatedEnded(Alarm alarm, Inventory inventory)
    {
        var vm = inventory.Vm(VmId.From(alarm.Object.Id));
        if (vm is null)
        {
            return $"VM {alarm.Object.Id} was deleted";
        }

        if (vm.Host is not { } host || !vm.IsOnHost)
        {
            return $"VM {vm.VmId} is {vm.PowerState}";
        }

        if (alarm.Related is { } isolatedOn && isolatedOn.Id != host.Value)
        {
            return $"VM {vm.VmId} was restarted on {host}";
        }

        return inventory.Host(host) is { State: not HostState.Faulty } back ? $"host {host} is {back.State}" : null;
    }

    /// <summary>Settled: stopped, or running on a Normal host (a VM on a Faulty host still reads Running).</summary>
    private static string? VmSettled(VmId id, Inventory inventory) => inventory.Vm(id) switch
    {
        null => $"VM {id} was deleted",
        { PowerState: VmPowerState.Stopped } => $"VM {id} is Stopped",
        { PowerState: VmPowerState.Running, Host: { } host } when inventory.Host(host)?.State is HostState.Normal or HostState.EnteringMaintenance => $"VM {id} is Running on {host}",
        _ => null,
    };

    private static string? VmNotStopping(VmId id, Inventory inventory) => inventory.Vm(id) switch
    {
        null => $"VM {id} was deleted",
        { PowerState: not VmPowerState.Stopping } vm => $"VM {id} is {vm.PowerState}",
        _ => null,
    };

    private static string? RuleHolds(string name, Inventory inventory) => inventory.Rules.Rule(name) switch
    {
        null => $"rule {name} was deleted",
        var rule => RuleViolations.Of(rule, inventory.Rules, inventory).Count == 0 ? $"rule {name} holds again" : null,
    };
}
