using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Simulation.Scenarios;

/// <summary>What a scenario produced: its log, and any invariant it broke (empty when none).</summary>
public sealed record ScenarioResult(IReadOnlyList<string> Log, IReadOnlyList<string> Violations);

/// <summary>
/// Runs a scenario: builds the cluster, lets it come up (hosts register, a controller takes the lease,
/// the datastores are added), then executes the commands. Time advances in 1 s steps and the split-brain
/// invariant is checked after every step; the log ends with the final state.
/// </summary>
public sealed class ScenarioRunner
{
    public const string ClusterFileName = "cluster.yaml";
    public const string CommandsFileName = "commands.txt";

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(10);

    private readonly SimulatedCluster _cluster;
    private readonly EventLog _log;
    private readonly Dictionary<string, VmId> _vms = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private string? _activeController;

    private ScenarioRunner(ScenarioCluster definition)
    {
        _cluster = new SimulatedCluster(definition.Options);
        _log = new EventLog(_cluster);
    }

    /// <summary>Reads and runs the scenario in <paramref name="folder"/>; bad input throws <see cref="ScenarioFormatException"/>.</summary>
    public static ScenarioResult RunFolder(string folder)
    {
        var clusterPath = Path.Combine(folder, ClusterFileName);
        var commandsPath = Path.Combine(folder, CommandsFileName);
        var definition = ClusterFile.Parse(ReadFile(clusterPath), clusterPath);
        var commands = CommandFile.Parse(ReadFile(commandsPath), commandsPath, definition);
        return Run(definition, commands);
    }

    public static ScenarioResult Run(ScenarioCluster definition, IReadOnlyList<ScenarioCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(commands);
        var runner = new ScenarioRunner(definition);
        runner.StartCluster(definition.Datastores);
        foreach (var command in commands)
        {
            runner.Execute(command);
        }

        runner.FinalState();
        return new ScenarioResult(runner._log.Lines, runner._violations);
    }

    private static string ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new ScenarioFormatException(path, 0, "file is missing");

    private void StartCluster(IReadOnlyList<ScenarioDatastore> datastores)
    {
        Advance(StartUp);
        foreach (var datastore in datastores)
        {
            Ask(new AddDatastore(DatastoreId.From(datastore.Name), datastore.Name, datastore.CapacityGb));
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
                Reply(Ask(new CreateVm(create.Request)), create.Request.Name);
                break;
            case VmCommand vm:
                OnVm(vm);
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
                var name = crash.Controller == "active" ? _cluster.ActiveController : crash.Controller;
                if (name is null)
                {
                    _log.Add("< no controller is active");
                    break;
                }

                _log.Add($"< crashed {name}");
                _cluster.CrashController(name);
                break;
            case RestartControllerCommand restart:
                _cluster.RestartController(restart.Controller);
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
            default:
                throw new InvalidOperationException($"no executor for {command.GetType().Name}");
        }

        _log.Collect();
    }

    private void OnVm(VmCommand command)
    {
        var id = _vms.TryGetValue(command.Vm, out var known) ? known : (VmId?)null;
        if (id is not { } vm)
        {
            _log.Add($"< VM {command.Vm} was never created (its create was refused)");
            return;
        }

        switch (command.Action)
        {
            case VmAction.Start:
                Reply(Ask(new PowerOnVm(vm)), command.Vm);
                break;
            case VmAction.Stop or VmAction.ForceStop:
                Reply(Ask(new PowerOffVm(vm, Graceful: command.Action == VmAction.Stop)), command.Vm);
                break;
            case VmAction.Delete:
                Reply(Ask(new RemoveVm(vm)), command.Vm);
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
            case HostFault.LoseStorage:
                _cluster.LoseStorage(command.Host);
                break;
            case HostFault.RestoreStorage:
                _cluster.RestoreStorage(command.Host);
                break;
        }
    }

    private object? Ask(object question)
    {
        if (!_cluster.ControllerNames.Any(_cluster.World.IsUp))
        {
            return "no controller is up";
        }

        try
        {
            return _cluster.Ask<object>(question);
        }
        catch (TimeoutException)
        {
            return "no answer within 5 s";
        }
    }

    private void Reply(object? reply, string vmName)
    {
        _log.Collect();
        switch (reply)
        {
            case VmView view:
                _vms[view.Name] = view.VmId;
                _log.Add($"< ok: {view.Name} {view.PowerState}{(view.Host is { } host ? $" on {host}" : "")}");
                break;
            case AdminFailure failure:
                _log.Add($"< refused ({failure.Kind}): {_log.Names(failure.Error.Message)}");
                break;
            default:
                _log.Add($"< {vmName}: {reply}");
                break;
        }
    }

    /// <summary>Advances in 1 s steps, checking that no VM runs twice after each.</summary>
    private void Advance(TimeSpan duration)
    {
        var end = _cluster.Now + duration;
        while (_cluster.Now < end)
        {
            var step = end - _cluster.Now < Step ? end - _cluster.Now : Step;
            _cluster.Advance(step);
            foreach (var violation in ClusterInvariants.RunningTwice(_cluster, _log.Name))
            {
                _violations.Add($"at {Durations.Clock(_log.Elapsed)}: {violation}");
            }

            _log.Collect();
            NoteLeader();
        }
    }

    /// <summary>Logs (with '*', as the simulation's observation, not a journal event) when the active controller changes.</summary>
    private void NoteLeader()
    {
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
        var inventory = _cluster.ActiveInventory();
        foreach (var host in inventory.Hosts)
        {
            _log.Add($"  host {host.HostId} {host.State}");
        }

        foreach (var vm in inventory.Vms)
        {
            _log.Add($"  vm {_log.Name(vm.VmId)} {vm.PowerState}{(vm.Host is { } h ? $" on {h}" : "")} #{vm.Incarnation}");
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
        foreach (var violation in ClusterInvariants.RunningTwice(_cluster, _log.Name))
        {
            _violations.Add($"at the end: {violation}");
        }
    }
}
