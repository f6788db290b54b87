using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// The decisions of the agent on one compute host, with no runtime in them: register with the controllers,
/// heartbeat every interval (plus jitter drawn from <c>random</c>, a source of numbers in [0, 1)) with the host's
/// usage and its VMs, and carry out the VRM's commands. It remembers the highest controller epoch it has seen and
/// refuses commands from any older one (fencing a deposed VRM). Hypervisor changes, storage-lease I/O, watching
/// controllers and the isolation ping are effects; the hypervisor is only read directly (<see cref="IHypervisorView"/>).
/// </summary>
public sealed partial class CnaDecider : IDecider
{
    private readonly CnaDeciderSettings _settings;
    private readonly CnaPeers _peers;
    private readonly IHypervisorView _hypervisor;
    private readonly Func<double> _random;
    private readonly ILogger _log;
    private readonly HashSet<string> _refusalsLogged = [];
    private IReadOnlyList<DatastoreHealth>? _datastoreHealth;
    private Step _step = new();
    private long _seq;
    private long _highestEpoch;
    private bool _registered;
    private bool _leaving;

    public CnaDecider(CnaDeciderSettings settings, CnaPeers peers, IHypervisorView hypervisor, Func<double> random, ILogger log)
    {
        _settings = settings;
        _peers = peers;
        _hypervisor = hypervisor;
        _random = random;
        _log = log;
        _highestEpoch = settings.InitialEpoch;
    }

    /// <summary>The highest controller epoch seen; commands of older epochs are refused.</summary>
    public long HighestEpoch => _highestEpoch;

    public Step Start(DateTimeOffset now)
    {
        _step = new Step();

        // The first beat is an ordinary input, handled after the start like every later one.
        _step.Send(_peers.Self, Beat.Instance);
        WatchControllers();
        if (_settings.UsesStorageLeases)
        {
            _step.StartPeriodicTimer(RenewLeases.TimerKey, RenewLeases.Instance, _settings.LeaseRenewInterval);
            AdoptRunningVms(now);
            _step.Run(new ProbeDatastores(_settings.Datastores));
        }

        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step = new Step();
        switch (input)
        {
            case Beat:
                SendBeat();
                RewatchUnreachableControllers(now);
                ScheduleBeat();
                break;
            case HostRegistrationAccepted accepted when accepted.Epoch >= _highestEpoch:
                _highestEpoch = accepted.Epoch;
                _registered = true;
                ControllerHeard(from);
                break;
            case HostRegistrationAccepted:
                // Stale: accepted by a controller of an older epoch.
                break;
            case HostRegistrationRefused refused:
                // The controller repeats it at every beat; say it once per reason.
                if (_refusalsLogged.Add(refused.Reason))
                {
                    _log.LogError("the controller refused host {Host}: {Reason}", refused.HostId, refused.Reason);
                }

                break;
            case HostIdInUse inUse when !_leaving:
                // Another live node answers for this host: two agents for one host would make its VMs flap, so this one goes.
                _leaving = true;
                _log.LogCritical("the controller refused host {Host} for good: {Reason}", inUse.HostId, inUse.Reason);
                _step.Run(new LeaveForGood(inUse.Reason));
                break;
            case HostIdInUse:
                break;
            case DatastoresProbed probed:
                _datastoreHealth = probed.Health;
                break;
            case DatastoreProbed one:
                MergeHealth(one.Health);
                break;
            case VmCommandFinished finished when _settings.AgentsAsChildren:
                Reply(finished.ReplyTo, finished.CommandId, finished.Refusal, finished.Answer);
                break;
            case VmCommandFinished:
                // In-process agents' answers never come as inputs: Absorb takes them from the agents' steps.
                break;
            case VmAgentIdle idle:
                OnAgentIdle(idle);
                break;
            case IHostCommand command:
                Execute(command, from, now);
                break;
            case HypervisorOperationPerformed performed:
                OnHypervisorOperationPerformed(performed, now);
                break;
            case RenewLeases:
                RenewAll(now);
                break;
            case StorageLeaseAcquired acquired:
                RouteToAgent(acquired.Request.Vm, acquired, now);
                break;
            case StorageLeaseRenewed renewed:
                OnRenewed(renewed, now);
                break;
            case StorageLeaseReleased released:
                RouteToExistingAgent(released.Request.Vm, released, now);
                break;
            case PollMigration poll:
                // An in-process agent's timer fires here: hand it on.
                RouteToExistingAgent(poll.Vm, poll, now);
                break;
            case PollDiskMirror poll:
                RouteToExistingAgent(poll.Vm, poll, now);
                break;
            case PollDiskCopy poll:
                PollCopy(poll, now);
                break;
            case ControllerUnreachable unreachable:
                OnControllerUnreachable(unreachable);
                break;
            case IsolationAddressPinged pinged:
                OnIsolationAddressPinged(pinged);
                break;
            case NoAnswer:
                // A release or a probe handed to the datastore actors: the effect has nothing to say.
                break;
            default:
                _step.ReportUnhandled(input);
                break;
        }

        return _step;
    }

    private void SendBeat()
    {
        if (_leaving)
        {
            return;
        }

        object message = _registered
            ? Heartbeat()
            : new HostRegister(_settings.HostId, _peers.SelfPath, _settings.Hardware, _settings.CpuFeatures, _settings.Datastores);
        foreach (var controller in _peers.Controllers)
        {
            _step.Send(controller, message);
        }
    }

    private Heartbeat Heartbeat()
    {
        var used = _hypervisor.Used;
        return new Heartbeat(_settings.HostId, ++_seq, used.CpuMhz, used.MemoryMb, _hypervisor.Report(), DatastoreHealth());
    }

    /// <summary>A host without a usable store reports every datastore unreachable, so the VRM places nothing on it that could only fail to start.</summary>
    private IReadOnlyList<DatastoreHealth>? DatastoreHealth()
    {
        if (_settings.StorageUnusableBecause is { } reason)
        {
            return [.. _settings.Datastores.Select(d => new DatastoreHealth(d, false, reason))];
        }

        // Without lease store nothing is probed: the datastores count as reachable.
        return _datastoreHealth;
    }

    /// <summary>Keeps the report in the configured datastores' order whichever datastore answered last.</summary>
    private void MergeHealth(DatastoreHealth health)
    {
        var merged = (_datastoreHealth ?? []).Where(h => h.Datastore != health.Datastore).Append(health);
        _datastoreHealth = [.. merged.OrderBy(h => IndexOf(h.Datastore))];
    }

    private int IndexOf(DatastoreId datastore)
    {
        for (var i = 0; i < _settings.Datastores.Count; i++)
        {
            if (_settings.Datastores[i] == datastore)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private void ScheduleBeat()
    {
        var delay = _settings.HeartbeatInterval;
        if (_settings.HeartbeatJitter > TimeSpan.Zero)
        {
            delay += TimeSpan.FromTicks((long)(_random() * _settings.HeartbeatJitter.Ticks));
        }

        _step.StartSingleTimer(Beat.TimerKey, Beat.Instance, delay);
    }
}
