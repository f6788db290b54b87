using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm.Ha;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Controller.Vrm.Vms;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Hosts;

/// <summary>
/// A host refused a command. A refused start of the VM's current incarnation sends HA to another host; a refused migration command goes
/// to its saga, a refused hot reconfigure to its operator; any other
/// refusal is a command-rejected alarm on the host (cleared when it registers again).
/// </summary>
public sealed class CommandRejections(VrmState state, HostSessions sessions, VmStarts starts, HaRestarts ha, VrmMigrations migrations, VrmAlarms alarms, VmReconfiguration reconfiguration)
{
    public void OnRejected(Decision decision, CommandRejected rejected)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(rejected);
        if (starts.Settle(rejected.CommandId) is { } start && state.Inventory.Vm(start.Vm) is { } vm && vm.Incarnation == start.Incarnation)
        {
            ha.OnStartRefused(decision, vm, start.Host, rejected.Reason);
            return;
        }

        if (migrations.OnRejected(decision, rejected) || reconfiguration.OnRejected(decision, rejected))
        {
            return;
        }

        // Peers are opaque to a decider: the rejecting host is named by its id when it is a known host.
        var host = sessions.HostOf(decision.From);
        var by = host is { } known ? $"host {known}" : decision.From.ToString();
        var reason = $"command {rejected.CommandId} rejected by {by}: {rejected.Reason}";
        var subject = host is { } id ? AlarmObject.Host(id) : new AlarmObject(AlarmObjectKind.Cluster, "cluster");
        alarms.Raise(decision, new AlarmCondition(AlarmKinds.CommandRejected, AlarmSeverity.Warning, subject, reason), countRepeat: true);
    }
}
