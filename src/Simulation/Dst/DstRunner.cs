using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.Scenarios;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Dst;

/// <summary>The outcome of one seed: the first broken invariants (empty when none) and, on failure, the whole story.</summary>
public sealed record DstResult(int Seed, IReadOnlyList<string> Violations, string Report)
{
    public bool Passed => Violations.Count == 0;
}

/// <summary>
/// Runs one randomized plan in 1 s steps and checks, after every step, that no VM runs twice (a) and that
/// every command the VRM acknowledged has its event in the journal (b); after the schedule it heals
/// everything, lets the cluster be quiet for five minutes and checks (c): every HA-enabled VM that should
/// run (neither stopped by the operator nor abandoned by HA with an alarm) runs where the inventory says,
/// with the inventory's incarnation, and no VM is stuck in Starting or Stopping.
/// </summary>
public sealed class DstRunner
{
    public const string SeedVariable = "CLUSTER_DST_SEED";
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly DstPlan _plan;
    private readonly SimulatedCluster _cluster;
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, VmId> _vms = new(StringComparer.Ordinal);
    private readonly List<PendingAsk> _pending = [];
    private readonly List<Func<bool>> _acknowledged = [];
    private readonly List<string> _acknowledgedWhat = [];
    private readonly TimeSpan _created;

    private DstRunner(DstPlan plan)
    {
        _plan = plan;
        _cluster = new SimulatedCluster(plan.Options);
        _created = _cluster.Now;
    }

    /// <summary>The command that replays one seed.</summary>
    public static string ReplayCommand(int seed) =>
        $"{SeedVariable}={seed} dotnet test tests/Simulation.Tests --filter \"FullyQualifiedName~DstTests\"";

    public static DstResult Run(int seed)
    {
        var plan = DstPlan.Generate(seed);
        var runner = new DstRunner(plan);
        runner.Execute();
        if (runner._violations.Count == 0)
        {
            return new DstResult(seed, [], "");
        }

        var report = $"seed {seed} broke: \n  {string.Join("\n  ", runner._violations.Take(10))}\n"
            + $"replay: {ReplayCommand(seed)}\n{plan.Describe()}\nevent log:\n{runner.EventLog()}";
        return new DstResult(seed, runner._violations, report);
    }

    private void Execute()
    {
        AdvanceChecked(TimeSpan.FromSeconds(10));
        foreach (var ds in DstPlan.DatastoreNames)
        {
            Send(new AddDatastore(DatastoreId.From(ds), ds, 10_000), null);
        }

        AdvanceChecked(TimeSpan.FromSeconds(1));
        foreach (var vm in _plan.Vms)
        {
            Send(new CreateVm(vm), null);
        }

        AdvanceChecked(TimeSpan.FromSeconds(2));
        foreach (var vm in _plan.Vms)
        {
            PowerOn(vm.Name);
        }

        var start = _cluster.Now;
        foreach (var action in _plan.Actions)
        {
            AdvanceChecked(start + action.At - _cluster.Now);
            Apply(action);
        }

        AdvanceChecked(start + _plan.FaultPeriod - _cluster.Now);
        HealEverything();
        AdvanceChecked(Quiet);
        CheckAcknowledged("at the end");
        CheckSettled();
    }

    private void Apply(DstAction action)
    {
        var host = HostId.From(action.Target.StartsWith("host-", StringComparison.Ordinal) ? action.Target : "none");
        switch (action.Fault)
        {
            case DstFault.CrashHost when _cluster.World.IsUp(action.Target):
                _cluster.CrashHost(host);
                break;
            case DstFault.RestartHost when !_cluster.World.IsUp(action.Target):
                _cluster.RestartHost(host);
                break;
            case DstFault.PartitionManagement:
                _cluster.PartitionManagement(host);
                break;
            case DstFault.HealManagement:
                _cluster.HealManagement(host);
                break;
            case DstFault.LoseStorage:
                _cluster.LoseStorage(host);
                break;
            case DstFault.RestoreStorage:
                _cluster.RestoreStorage(host);
                break;
            case DstFault.ManagementFaults or DstFault.ClearManagementFaults:
                _cluster.SetManagementFaults(host, action.Faults ?? LinkFaults.None);
                break;
            case DstFault.CrashController:
                var name = action.Target == "active" ? _cluster.ActiveController : action.Target;
                if (name is not null && _cluster.World.IsUp(name))
                {
                    _cluster.CrashController(name);
                }

                break;
            case DstFault.RestartController:
                foreach (var controller in _cluster.ControllerNames.Where(c => !_cluster.World.IsUp(c)))
                {
                    _cluster.RestartController(controller);
                }

                break;
            case DstFault.DatastoreDown:
                _cluster.FailDatastore(DatastoreId.From(action.Target));
                break;
            case DstFault.DatastoreUp:
                _cluster.RestoreDatastore(DatastoreId.From(action.Target));
                break;
            case DstFault.CrashGuest when _vms.TryGetValue(action.Target, out var vm):
                foreach (var (at, _, _) in _cluster.RunningInstances().Where(i => i.Vm == vm))
                {
                    _cluster.CrashGuest(at, vm);
                }

                break;
            case DstFault.PowerOff when _vms.TryGetValue(action.Target, out var vm):
                Send(new PowerOffVm(vm, Graceful: false), e => e is VmPowerStateChanged { To: VmPowerState.Stopping } s && s.VmId == vm);
                break;
            case DstFault.PowerOn:
                PowerOn(action.Target);
                break;
        }
    }

    private void PowerOn(string name)
    {
        if (_vms.TryGetValue(name, out var vm))
        {
            Send(new PowerOnVm(vm), e => e is VmPowerStateChanged { To: VmPowerState.Starting } s && s.VmId == vm);
        }
    }

    private void HealEverything()
    {
        _cluster.HealNetwork();
        foreach (var host in _plan.Options.Hosts)
        {
            _cluster.RestoreStorage(host.HostId);
            if (!_cluster.World.IsUp(host.HostId.Value))
            {
                _cluster.RestartHost(host.HostId);
            }
        }

        foreach (var ds in DstPlan.DatastoreNames)
        {
            _cluster.RestoreDatastore(DatastoreId.From(ds));
        }

        foreach (var controller in _cluster.ControllerNames.Where(c => !_cluster.World.IsUp(c)))
        {
            _cluster.RestartController(controller);
        }
    }

    /// <summary>
    /// Asks the VRM without waiting; the answer is looked at after each step. With no VRM active a standby would
    /// refuse at once, which acknowledges nothing, so nothing is asked.
    /// </summary>
    private void Send(object question, Func<IWireMessage, bool>? expectedEvent)
    {
        var before = _cluster.Journal.HighestSequenceNr(SimulatedCluster.Vrm);
        if (_cluster.BeginAsk(question) is { } ask)
        {
            _pending.Add(new PendingAsk(ask, expectedEvent, before));
        }
    }

    private void AdvanceChecked(TimeSpan duration)
    {
        var end = _cluster.Now + duration;
        while (_cluster.Now < end)
        {
            var step = end - _cluster.Now < Step ? end - _cluster.Now : Step;
            _cluster.Advance(step);
            foreach (var violation in ClusterInvariants.RunningTwice(_cluster))
            {
                _violations.Add($"at {Durations.Clock(_cluster.Now)}: {violation}");
            }

            CollectAnswers();
        }
    }

    private void CollectAnswers()
    {
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            var ask = _pending[i];
            var answeredInTime = ask.Ask.AnsweredAt - ask.Ask.SentAt <= AskTimeout;
            if (!answeredInTime && _cluster.Now - ask.Ask.SentAt <= AskTimeout)
            {
                continue;
            }

            // Answered in time, or given up on as a timed-out ask is (a later answer is dropped).
            _pending.RemoveAt(i);
            ask.Ask.Forget();
            if (!answeredInTime || ask.Ask.Answer is not VmView view)
            {
                continue;
            }

            // (b) an acknowledged command's event is in the journal, now and at the end.
            Func<IWireMessage, bool> expected = ask.Ask.Question is CreateVm
                ? e => e is VmCreated created && created.VmId == view.VmId
                : ask.ExpectedEvent!;
            _vms.TryAdd(view.Name, view.VmId);
            var what = $"{ask.Ask.Question} acknowledged ({view.PowerState})";

            // A stop of a VM already Stopping (sent again, e.g. forced) adds no event: the Stopping of this
            // incarnation, journaled before, is what it acknowledges.
            bool InJournal() => ask.Ask.Question is PowerOffVm
                ? _cluster.AnyEventAfter(0, e => e is VmPowerStateChanged { To: VmPowerState.Stopping } s && s.VmId == view.VmId && s.Incarnation == view.Incarnation)
                : _cluster.AnyEventAfter(ask.JournalSequenceNrBefore, expected);
            _acknowledged.Add(InJournal);
            _acknowledgedWhat.Add(what);
            if (!InJournal())
            {
                _violations.Add($"at {Durations.Clock(_cluster.Now)}: {what} but its event is not in the journal");
            }
        }
    }

    private void CheckAcknowledged(string when)
    {
        for (var i = 0; i < _acknowledged.Count; i++)
        {
            if (!_acknowledged[i]())
            {
                _violations.Add($"{when}: {_acknowledgedWhat[i]} but its event is no longer in the journal");
            }
        }
    }

    /// <summary>(c) after the heal and five quiet minutes.</summary>
    private void CheckSettled()
    {
        var inventory = _cluster.ActiveInventory();
        var events = _cluster.JournalEvents();
        var abandoned = events.OfType<HaRestartAbandoned>().Select(e => e.VmId).ToHashSet();
        var running = _cluster.RunningInstances();
        if (_cluster.ActiveController is null)
        {
            _violations.Add("after the heal: no controller is active");
        }

        foreach (var host in inventory.Hosts.Where(h => h.State != HostState.Normal))
        {
            _violations.Add($"after the heal: host {host.HostId} is {host.State}");
        }

        foreach (var vm in inventory.Vms)
        {
            var name = $"{vm.Spec.Name} ({vm.VmId})";
            if (vm.PowerState is VmPowerState.Starting or VmPowerState.Stopping)
            {
                _violations.Add($"after the heal: {name} is stuck in {vm.PowerState} on {vm.Host} #{vm.Incarnation}");
                continue;
            }

            var instances = running.Where(r => r.Vm == vm.VmId).ToList();
            if (vm.PowerState == VmPowerState.Running && !instances.Any(r => r.Host == vm.Host && r.Incarnation == vm.Incarnation))
            {
                _violations.Add($"after the heal: the inventory has {name} Running on {vm.Host} #{vm.Incarnation}, the hypervisors run it at [{string.Join(", ", instances.Select(r => $"{r.Host} #{r.Incarnation}"))}]");
            }

            if (vm.Spec.HaEnabled && vm.PowerState == VmPowerState.Crashed && !abandoned.Contains(vm.VmId))
            {
                _violations.Add($"after the heal: HA-enabled {name} is Crashed on {vm.Host} #{vm.Incarnation} and was not restarted");
            }
        }
    }

    private string EventLog()
    {
        var log = new EventLog(_cluster, _created);
        log.Collect();
        return string.Join('\n', log.Lines);
    }

    private sealed record PendingAsk(SimAsk Ask, Func<IWireMessage, bool>? ExpectedEvent, long JournalSequenceNrBefore);
}
