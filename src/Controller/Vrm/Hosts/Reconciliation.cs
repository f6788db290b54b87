using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Hosts;

/// <summary>
/// The VRM is the source of truth for what runs where: a heartbeat's report adopts power-state changes of VMs the
/// VRM placed on that host, kills instances older than a VM's current incarnation, flags VMs it did not place there,
/// and notices VMs the host should have but does not report (died under its feet, or a start that never arrived).
/// </summary>
public sealed class Reconciliation(VrmState state, HostChannel channel, VrmAlarms alarms, VrmMigrations migrations, VrmSettings settings)
{
    private readonly Dictionary<(VmId, long), DateTimeOffset> _startUnreported = [];

    // Scratch space reused by every heartbeat, so that a steady-state heartbeat allocates nothing here.
    private readonly HashSet<VmId> _reported = [];
    private readonly HashSet<VmId> _unexpectedNow = [];
    private readonly List<InventoryVm> _placedHere = [];

    private Inventory Inventory => state.Inventory;

    public void Reconcile(Decision decision, Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(heartbeat);
        _reported.Clear();
        _unexpectedNow.Clear();
        for (var i = 0; i < heartbeat.Vms.Count; i++)
        {
            ReconcileReport(decision, heartbeat.HostId, heartbeat.Vms[i]);
        }

        alarms.ClearUnexpectedNoLongerReported(decision, heartbeat.HostId, _unexpectedNow);
        migrations.OnHeartbeat(decision, heartbeat);

        // Only this host's VMs, from the inventory's per-host index: a heartbeat must not scan the whole cluster.
        _placedHere.Clear();
        Inventory.CollectVmsOn(heartbeat.HostId, _placedHere);
        foreach (var vm in _placedHere)
        {
            if (state.Migrations.IsMigrating(vm.VmId))
            {
                continue;
            }

            // Placed here, yet the host does not have it: a running VM died under the host's feet
            // (a power cycle), a stopping one is simply gone.
            if (!_reported.Contains(vm.VmId) && vm.PowerState is (VmPowerState.Running or VmPowerState.Stopping))
            {
                var to = vm.PowerState == VmPowerState.Running ? VmPowerState.Crashed : VmPowerState.Stopped;
                decision.Record(new VmPowerStateChanged(vm.VmId, vm.PowerState, to, vm.Incarnation));
            }
            else if (vm.PowerState == VmPowerState.Starting)
            {
                CheckStartArrived(decision, vm, heartbeat.HostId, _reported.Contains(vm.VmId));
            }
        }
    }

    private void ReconcileReport(Decision decision, HostId host, VmRuntimeReport report)
    {
        var vm = Inventory.Vm(report.VmId);
        if (vm is not null && state.Migrations.IsMigrating(vm.VmId) && migrations.OwnsReport(decision, host, report))
        {
            // A migrating VM is its saga's: the paused incoming instance and the source's pause are not for reconciliation.
            if (vm.Host == host && vm.Incarnation == report.Incarnation)
            {
                _reported.Add(report.VmId);
            }

            return;
        }

        if (vm is not null && vm.Host == host && vm.Incarnation == report.Incarnation)
        {
            // Only the current incarnation counts as reported: an older, stopped definition left on
            // the host must not hide that the current one is missing.
            _reported.Add(report.VmId);
            if (vm.PowerState == VmPowerState.Stopping && report.PowerState == VmPowerState.Running)
            {
                // The stop was lost on the way: ask again rather than undo the operator's stop.
                channel.Send(decision, host, new StopVm(channel.Epoch, channel.NextCommandId(), vm.VmId, Graceful: true));
            }
            else if (vm.PowerState != report.PowerState)
            {
                decision.Record(new VmPowerStateChanged(vm.VmId, vm.PowerState, report.PowerState, vm.Incarnation));
            }

            return;
        }

        if (report.PowerState == VmPowerState.Stopped)
        {
            // A stopped definition left on the host is harmless; it is not running anywhere. The paused incoming instance
            // of a rolled-back migration whose discard was lost is not: it holds the VM's memory there, so it is discarded
            // again (harmless if the first discard is merely late).
            if (state.Migrations.RolledBackOnto(report.VmId, host, report.Incarnation) is { } migration)
            {
                channel.Send(decision, host, new DiscardIncomingMigration(channel.Epoch, channel.NextCommandId(), report.VmId, migration, report.Incarnation));
            }

            return;
        }

        if (vm is not null && vm.Incarnation > report.Incarnation)
        {
            // An older instance of a VM that now runs under a newer incarnation (restarted elsewhere): kill it.
            channel.Send(decision, host, new KillStaleInstance(channel.Epoch, channel.NextCommandId(), report.VmId, report.Incarnation));
            return;
        }

        _unexpectedNow.Add(report.VmId);
        alarms.Raise(decision, new AlarmCondition(AlarmKinds.UnexpectedVm, AlarmSeverity.Warning, AlarmObject.Vm(report.VmId), $"host {host} reports VM {report.VmId} (incarnation {report.Incarnation}) that the inventory does not place there", AlarmObject.Host(host)));
    }

    /// <summary>
    /// A start command can be lost (a dropped message, a partition that heals before the host is declared
    /// faulty): then the host never reports the VM and it would stay Starting for ever. Past the start
    /// timeout it is marked Crashed, and HA (VM-level) or the operator starts it again.
    /// </summary>
    private void CheckStartArrived(Decision decision, InventoryVm vm, HostId host, bool reported)
    {
        var key = (vm.VmId, vm.Incarnation);
        if (reported)
        {
            _startUnreported.Remove(key);
            return;
        }

        if (!_startUnreported.TryGetValue(key, out var since))
        {
            _startUnreported[key] = decision.Now;
            return;
        }

        if (decision.Now - since >= settings.StartTimeout)
        {
            _startUnreported.Remove(key);
            decision.RecordAll(
                [
                    new VmPowerStateChanged(vm.VmId, VmPowerState.Starting, VmPowerState.Crashed, vm.Incarnation),
                    new HaRestartFailed(vm.VmId, state.Ha.AttemptsOf(vm.VmId, none: 1), $"{host} has not started it within {settings.StartTimeout.TotalSeconds:0} s (start command lost)"),
                ],
                () => { });
        }
    }
}
