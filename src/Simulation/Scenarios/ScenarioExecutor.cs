using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.Invariants;

namespace Cluster.Simulation.Scenarios;

/// <summary>
/// Carries out one scenario, for the scenario suite and the randomized runs alike: builds the cluster, lets it come up
/// (hosts register, a controller takes the lease, the datastores are added), then executes the commands. Time
/// advances in 1 s steps; after each, the operator's answers are read and the invariants checked. The log ends with
/// the final state.
/// </summary>
internal sealed class ScenarioExecutor
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(10);

    private readonly ScenarioCluster _definition;
    private readonly SimulatedCluster _cluster;
    private readonly EventLog _log;
    private readonly ScenarioOperator _operator;
    private readonly InvariantChecks _checks;
    private string? _activeController;

    public ScenarioExecutor(ScenarioCluster definition, IReadOnlyList<IInvariant> invariants, bool recordLog)
    {
        _definition = definition;
        _cluster = new SimulatedCluster(definition.Options);
        _log = new EventLog(_cluster) { IsRecording = recordLog };
        _operator = new ScenarioOperator(_cluster, _log, definition.Asks);
        _checks = new InvariantChecks(invariants, new InvariantContext(_cluster, _operator.Acknowledged));
    }

    public ScenarioResult Run(IReadOnlyList<ScenarioCommand> commands)
    {
        StartCluster();
        foreach (var command in commands)
        {
            Execute(command);
        }

        FinalState();
        return new ScenarioResult(_log.Lines, _checks.Violations);
    }

    private void StartCluster()
    {
        Advance(StartUp);
        foreach (var datastore in _definition.Datastores)
        {
            _operator.AskQuietly(new AddDatastore(DatastoreId.From(datastore.Name), datastore.Name, datastore.CapacityGb));
        }

        _log.Collect();
    }

    private void Execute(ScenarioCommand command)
    {
        _log.Add($"> {command.Text}");
        switch (command)
        {
            case AdvanceCommand advance:
                Advance(advance.Duration);
                break;
            case CreateVmCommand create:
                _operator.Ask(new CreateVm(create.Request), create.Request.Name, $"vm create {create.Request.Name}");
                break;
            case VmCommand vm:
                OnVm(vm);
                break;
            case ReconfigureVmCommand reconfigure:
                OnVm(reconfigure.Vm, vm => _operator.Ask(new ReconfigureVm(vm, reconfigure.Request), reconfigure.Vm, reconfigure.Text));
                break;
            case MigrateVmCommand migrate:
                OnVm(migrate.Vm, vm => _operator.Ask(new MigrateVm(vm, migrate.Host, Datastore: migrate.Datastore), migrate.Vm, migrate.Text));
                break;
            case HostMaintenanceCommand maintenance:
                _operator.Ask(maintenance.Enter ? new EnterMaintenance(maintenance.Host) : new ExitMaintenance(maintenance.Host), maintenance.Host.Value, maintenance.Text);
                break;
            case MigrationCommand migration:
                object question = migration.Cancel ? new MigrationCancelRequested(migration.Migration) : new GetMigration(migration.Migration);
                _operator.Ask(question, migration.Migration.Value, migration.Text);
                break;
            case GuestDirtyRateCommand workload:
                OnVm(workload.Vm, vm =>
                {
                    if (workload.Disk)
                    {
                        _cluster.Guests.SetDiskWriteRate(vm, workload.MibPerSecond);
                    }
                    else
                    {
                        _cluster.Guests.SetDirtyRate(vm, workload.MibPerSecond);
                    }
                });
                break;
            case PartitionHostsCommand { Heal: true } partition:
                _cluster.HealHosts(partition.A, partition.B);
                break;
            case PartitionHostsCommand partition:
                _cluster.PartitionHosts(partition.A, partition.B);
                break;
            case HostCommand host:
                OnHost(host);
                break;
            case DatastoreCommand { Down: true } ds:
                _cluster.FailDatastore(ds.Datastore);
                break;
            case DatastoreCommand ds:
                _cluster.RestoreDatastore(ds.Datastore);
                break;
            case CrashControllerCommand crash:
                CrashController(crash.Controller);
                break;
            case RestartControllerCommand restart:
                RestartController(restart.Controller);
                break;
            case ManagementFaultsCommand faults:
                _cluster.SetManagementFaults(faults.Host, faults.Faults);
                break;
            case HealCommand:
                _cluster.HealNetwork();
                break;
            case ShowCommand:
                Show();
                break;
            case ExpectSettledCommand:
                ExpectSettled();
                break;
            default:
                throw new InvalidOperationException($"no executor for {command.GetType().Name}");
        }

        _log.Collect();
    }

    private void OnVm(VmCommand command) => OnVm(command.Vm, vm => OnVm(command, vm));

    /// <summary>Acts on the VM named <paramref name="name"/> once its id is known; says why not otherwise.</summary>
    private void OnVm(string name, Action<VmId> act)
    {
        if (!_operator.TryGetVm(name, out var vm))
        {
            _log.Add(_operator.Waits
                ? $"< VM {name} was never created (its create was refused)"
                : $"< VM {name} is not known: its create has no answer (yet)");
            return;
        }

        act(vm);
    }

    private void OnVm(VmCommand command, VmId vm)
    {
        switch (command.Action)
        {
            case VmAction.Start:
                _operator.Ask(new PowerOnVm(vm), command.Vm, command.Text);
                break;
            case VmAction.Stop or VmAction.ForceStop:
                _operator.Ask(new PowerOffVm(vm, Graceful: command.Action == VmAction.Stop), command.Vm, command.Text);
                break;
            case VmAction.Delete:
                _operator.Ask(new RemoveVm(vm), command.Vm, command.Text);
                break;
            case VmAction.CrashGuest:
                var instance = _cluster.RunningInstances().Where(i => i.Vm == vm).ToList();
                if (instance.Count == 0)
                {
                    _log.Add($"< {command.Vm} is not running anywhere");
                }

                foreach (var (host, _, _) in instance)
                {
                    _cluster.CrashGuest(host, vm);
                }

                break;
        }
    }

    private void OnHost(HostCommand command)
    {
        switch (command.Fault)
        {
            case HostFault.Crash:
                _cluster.CrashHost(command.Host);
                break;
            case HostFault.Restart:
                _cluster.RestartHost(command.Host);
                break;
            case HostFault.PartitionManagement:
                _cluster.PartitionManagement(command.Host);
                break;
            case HostFault.HealManagement:
                _cluster.HealManagement(command.Host);
                break;
            case HostFault.LoseStorage:
                _cluster.LoseStorage(command.Host);
                break;
            case HostFault.RestoreStorage:
                _cluster.RestoreStorage(command.Host);
                break;
        }
    }

    private void CrashController(string controller)
    {
        var name = controller == "active" ? _cluster.ActiveController : controller;
        if (name is null)
        {
            _log.Add("< no controller is active");
            return;
        }

        _log.Add($"< crashed {name}");
        _cluster.CrashController(name);
    }

    private void RestartController(string controller)
    {
        if (controller != RestartControllerCommand.AllDown)
        {
            _cluster.RestartController(controller);
            return;
        }

        var down = _cluster.ControllerNames.Where(c => !_cluster.World.IsUp(c)).ToList();
        _log.Add(down.Count == 0 ? "< no controller is down" : $"< restarted {string.Join(", ", down)}");
        foreach (var name in down)
        {
            _cluster.RestartController(name);
        }
    }

    private void ExpectSettled()
    {
        var before = _checks.Violations.Count;
        _checks.WhenSettled(_log.Elapsed);
        var broken = _checks.Violations.Skip(before).Select(v => v.Invariant).ToList();
        _log.Add(broken.Count == 0 ? "< settled" : $"< not settled: {string.Join(", ", broken)}");
    }

    /// <summary>Advances in 1 s steps; after each, reads the answers that came and checks the invariants.</summary>
    private void Advance(TimeSpan duration)
    {
        var end = _cluster.Now + duration;
        while (_cluster.Now < end)
        {
            var step = end - _cluster.Now < Step ? end - _cluster.Now : Step;
            _cluster.Advance(step);
            _log.Collect();
            _operator.CollectAnswers();
            _checks.AfterStep(_log.Elapsed);
            NoteLeader();
        }
    }

    /// <summary>Logs (with '*', as the simulation's observation, not a journal event) when the active controller changes.</summary>
    private void NoteLeader()
    {
        if (!_log.IsRecording)
        {
            return;
        }

        var active = _cluster.ActiveController;
        if (active == _activeController)
        {
            return;
        }

        _activeController = active;
        _log.Add(active is null ? "* no active controller" : $"* {active} active, epoch {_cluster.Singleton.ActiveEpoch}");
    }

    private void Show()
    {
        if (!_log.IsRecording)
        {
            return;
        }

        var inventory = _cluster.ActiveInventory();
        foreach (var host in inventory.Hosts)
        {
            _log.Add($"  host {host.HostId} {host.State}");
        }

        foreach (var vm in inventory.Vms)
        {
            _log.Add($"  vm {_log.Name(vm.VmId)} {vm.PowerState}{(vm.Host is { } h ? $" on {h}" : "")} #{vm.Incarnation}");
        }

        foreach (var open in _cluster.OpenMigrations())
        {
            var admitted = open.Admitted;
            var moves = MigrationMoves.Describe(admitted.Kind, admitted.Source, admitted.Target, admitted.FromDatastore, admitted.Datastore);
            _log.Add($"  migration {admitted.MigrationId} {_log.Name(admitted.VmId)} {moves} {open.Phase}");
        }

        foreach (var queued in _cluster.QueuedMigrations())
        {
            var request = queued.Request;
            _log.Add($"  migration {request.MigrationId} {_log.Name(request.VmId)} {request.Source}->{request.Target?.Value ?? "any"} {MigrationPhase.Requested} {request.Priority}");
        }

        // What the hypervisors of the hosts that are up actually have, running or not.
        foreach (var host in _cluster.Options.Hosts.Select(h => h.HostId).Where(h => _cluster.World.IsUp(h.Value)))
        {
            foreach (var instance in _cluster.Hypervisor(host).Report())
            {
                _log.Add($"  instance {_log.Name(instance.VmId)} on {host} #{instance.Incarnation} {instance.PowerState}");
            }
        }
    }

    private void FinalState()
    {
        _log.Add("= final state");
        Show();
        _checks.AtEnd(_log.Elapsed);
    }
}
