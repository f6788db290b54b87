using Cluster.Controller.Alarms;
using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Evacuation;
using Cluster.Controller.Vrm.Hosts;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Controller.Vrm.Views;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Maintenance;

/// <summary>
/// Maintenance mode: a host an operator puts into maintenance turns EnteringMaintenance (no longer a target of placement,
/// HA or migration), the pure <see cref="EvacuationPlanner"/> picks a target for each running VM, and the moves go through
/// the one migration queue at Maintenance priority; the host turns Maintenance once no VM is left on it. A VM no host can
/// take, or whose move rolled back too often, blocks the evacuation with its reason (the host's view and an alarm) until
/// the operator cancels or room appears. Everything it decides from is in the journal, so a VRM that takes over
/// mid-evacuation goes on from where the last one was.
/// </summary>
public sealed class HostMaintenance(VrmState state, VrmSettings settings, HostSessions sessions, VrmMigrations migrations, VrmAlarms alarms, VrmViews views)
{
    // Requests of an evacuation are recorded and not yet applied: a second look in the same step would ask again.
    private bool _requesting;

    // Which VMs blocked each host's evacuation when its alarm was last raised or repeated (not journaled: after a
    // takeover the active alarm stands until the set changes).
    private readonly Dictionary<HostId, List<VmId>> _blockedVms = [];

    private Inventory Inventory => state.Inventory;

    public void OnEnter(Decision decision, EnterMaintenance enter)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(enter);
        var host = Inventory.Host(enter.HostId);
        var sender = decision.From;
        switch (host?.State)
        {
            case null:
                decision.Reply(AdminFailure.NotFound("hostId", $"host {enter.HostId}"));
                break;
            case HostState.EnteringMaintenance or HostState.Maintenance:
                decision.Reply(views.Host(host.HostId));
                break;
            case HostState.Normal:
                decision.Record(new HostStateChanged(host.HostId, HostState.Normal, HostState.EnteringMaintenance, "maintenance requested by an operator"), _ =>
                {
                    // The answer shows the evacuation as the step left it: moves admitted and queued, or what blocks it.
                    Continue(decision);
                    decision.WhenDone(() => decision.Step.Send(sender, views.Host(host.HostId)));
                });
                break;
            default:
                decision.Reply(AdminFailure.Conflict("hostId", $"host {host.HostId} is {host.State}; only a Normal host enters maintenance"));
                break;
        }
    }

    public void OnExit(Decision decision, ExitMaintenance exit)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(exit);
        var host = Inventory.Host(exit.HostId);
        var sender = decision.From;
        void Answer(HostStateChanged changed) => decision.Record(changed, _ => decision.Step.Send(sender, views.Host(changed.HostId)));
        switch (host?.State)
        {
            case null:
                decision.Reply(AdminFailure.NotFound("hostId", $"host {exit.HostId}"));
                break;
            case HostState.EnteringMaintenance:
                // Requests still waiting are dropped; migrations under way run to their end (cancel them one by one if need be).
                var id = host.HostId;
                migrations.DropQueued(decision, r => r.Source == id && r.Priority == MigrationPriority.Maintenance, $"maintenance of {id} cancelled by the operator");
                Answer(new HostStateChanged(id, HostState.EnteringMaintenance, HostState.Normal, "maintenance cancelled by the operator"));
                break;
            case HostState.Maintenance when sessions.Of(host.HostId) is { } session && session.Detector.IsAvailable(decision.Now):
                Answer(new HostStateChanged(host.HostId, HostState.Maintenance, HostState.Normal, "maintenance ended by the operator"));
                break;
            case HostState.Maintenance:
                // Shut down for its maintenance: it is Normal again once it heartbeats, like a host that registers.
                Answer(new HostStateChanged(host.HostId, HostState.Maintenance, HostState.Connecting, "maintenance ended by the operator; Normal at its next heartbeat"));
                break;
            default:
                decision.Reply(AdminFailure.Conflict("hostId", $"host {host.HostId} is {host.State}, not in maintenance"));
                break;
        }
    }

    /// <summary>Drives every evacuation on: called whenever a VM, a migration or a host changed, and periodically.</summary>
    public void Continue(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_requesting)
        {
            return;
        }

        foreach (var host in Inventory.Hosts.Where(h => h.State == HostState.EnteringMaintenance).ToList())
        {
            Evacuate(decision, host.HostId);
            if (_requesting)
            {
                return; // the others are looked at once this one's requests are applied
            }
        }
    }

    private void Evacuate(Decision decision, HostId host)
    {
        var vms = new List<InventoryVm>();
        Inventory.CollectVmsOn(host, vms);
        if (vms.Count == 0)
        {
            decision.Record(new HostStateChanged(host, HostState.EnteringMaintenance, HostState.Maintenance, "evacuated: no VM is left on it"));
            return;
        }

        var blockers = new List<EvacuationBlocker>();
        var toMove = new List<InventoryVm>();
        foreach (var vm in vms)
        {
            if (state.Migrations.IsMigrating(vm.VmId) || state.Migrations.QueuedFor(vm.VmId) is not null)
            {
                continue;
            }

            if (vm.PowerState == VmPowerState.Crashed && !vm.Spec.HaEnabled)
            {
                blockers.Add(new EvacuationBlocker(vm.VmId, "it is Crashed with HA off, so nothing restarts it elsewhere; stop or delete it"));
            }
            else if (vm.PowerState == VmPowerState.Running && state.Evacuations.Of(host, vm.VmId) >= settings.MaxEvacuationAttempts)
            {
                blockers.Add(new EvacuationBlocker(vm.VmId, $"its move was tried {settings.MaxEvacuationAttempts} times and did not complete ({LastEnd(vm.VmId)})"));
            }
            else if (vm.PowerState == VmPowerState.Running)
            {
                toMove.Add(vm);
            }

            // Starting, Stopping, Unknown or Crashed with HA on: wait until it settles (HA restarts a crashed VM on another host).
        }

        if (toMove.Count > 0)
        {
            var plan = EvacuationPlanner.Evacuate(PlannerInput(), host, DrsSettings.Default);
            var moving = toMove.ToDictionary(v => v.VmId);
            blockers.AddRange(plan.Blockers.Where(b => moving.ContainsKey(b.Vm)));
            var moves = plan.Migrations.Where(m => moving.ContainsKey(m.Vm)).Select(m => (moving[m.Vm], m.Target)).ToList();
            if (moves.Count > 0)
            {
                _requesting = true;
                migrations.RequestAll(decision, moves, $"maintenance of {host}", MigrationPriority.Maintenance, () => _requesting = false);
            }
        }

        ShowBlockers(decision, host, blockers);
    }

    /// <summary>The evacuation planner's view: every migration open or waiting counts on its target and its VM stays put.</summary>
    private DrsInput PlannerInput()
    {
        var inFlight = state.Migrations.Open.Select(m => new InFlightMigration(m.Admitted.VmId, m.Admitted.Source, m.Admitted.Target))
            .Concat(state.Migrations.Queue.Select(q => new InFlightMigration(q.Request.VmId, q.Request.Source, q.Request.Target ?? q.Request.Source)));
        return new DrsInput(Inventory.ToSnapshot(datastoreOvercommit: settings.DatastoreOvercommit), new Dictionary<VmId, VmUsage>(), state.Inventory.Rules.Set)
        {
            InFlightMigrations = [.. inFlight],
        };
    }

    private void ShowBlockers(Decision decision, HostId host, List<EvacuationBlocker> blockers)
    {
        var subject = AlarmObject.Host(host);
        if (blockers.Count == 0)
        {
            _blockedVms.Remove(host);
            alarms.Clear(decision, AlarmKinds.MaintenanceBlocked, subject, $"nothing blocks the evacuation of {host} any more");
            return;
        }

        // The same VMs blocked again is the same condition, even when the figures in its reasons moved (a VM in flight
        // counted on its target); other VMs blocked is news, counted as a repeat with the new text.
        var vms = blockers.Select(b => b.Vm).Order().ToList();
        var active = Inventory.Alarms.ActiveFor(AlarmKinds.MaintenanceBlocked, subject);
        if (active is not null && (!_blockedVms.TryGetValue(host, out var known) || known.SequenceEqual(vms)))
        {
            _blockedVms[host] = vms;
            return;
        }

        _blockedVms[host] = vms;
        var text = $"host {host} cannot finish entering maintenance: {string.Join("; ", blockers)}";
        alarms.Raise(decision, new AlarmCondition(AlarmKinds.MaintenanceBlocked, AlarmSeverity.Major, subject, text), countRepeat: true);
    }

    private string LastEnd(VmId vm) =>
        state.Migrations.All.FirstOrDefault(m => m.Admitted.VmId == vm && m.IsOver) is { } last ? $"last {last.Phase}: {last.LastChange}" : "no end recorded";
}
