using Cluster.Controller.Vrm.Ha;
using Cluster.Controller.Migration;
using Cluster.Controller.Vrm.Hosts;
using Cluster.Controller.Vrm.Maintenance;
using Cluster.Controller.Vrm.Migrations;
using Cluster.Controller.Vrm.Rules;
using Cluster.Controller.Vrm.Views;
using Cluster.Controller.Vrm.Vms;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// The VRM, with no runtime in it: a coordinator that hands each input to the component that owns it (hosts, HA,
/// VM lifecycle, alarms, views), applies the events they record to the one state they share (<see cref="VrmState"/>,
/// which is also the snapshot), and returns the step. Exactly one runs cluster-wide, under the controller lease;
/// <see cref="Epoch"/> is that lease's fencing token and goes with every command to a host. Whatever runs it
/// (<see cref="VrmActor"/> under Akka, the simulation) stores a step's events before it performs the rest of the step.
/// </summary>
public sealed class VrmDecider : IPersistentDecider
{
    private readonly VrmSettings _settings;
    private readonly ILogger _log;
    private readonly Decision _decision = new();
    private readonly VrmState _state;
    private readonly VrmAlarms _alarms;
    private readonly VrmViews _views;
    private readonly ClusterNodes _nodes;
    private readonly HostRegistrations _registrations;
    private readonly HostHeartbeats _heartbeats;
    private readonly CommandRejections _rejections;
    private readonly HaRestarts _ha;
    private readonly VmStarts _starts;
    private readonly StopWaiters _stopWaiters;
    private readonly VmLifecycle _vms;
    private readonly VmReconfiguration _reconfiguration;
    private readonly VrmMigrations _migrations;
    private readonly HostMaintenance _maintenance;
    private readonly VrmRules _rules;
    private long _eventsSinceSnapshot;
    private long _eventsRecovered;
    private bool _snapshotDue;
    private bool _evacuationDue;

    public VrmDecider(VrmSettings settings, long epoch, string holder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _log = logger;
        Epoch = epoch;
        Holder = holder;

        _state = new VrmState(logger);
        var sessions = new HostSessions(settings.FailureDetector);
        _nodes = new ClusterNodes();
        var channel = new HostChannel(sessions, epoch, logger);
        _alarms = new VrmAlarms(_state);
        _views = new VrmViews(_state, sessions, epoch, settings.DatastoreOvercommit);
        _starts = new VmStarts(channel);
        _stopWaiters = new StopWaiters(_state, settings);
        _ha = new HaRestarts(_state, settings, _alarms, _starts, logger);
        _migrations = new VrmMigrations(_state, settings, channel, _ha);
        _registrations = new HostRegistrations(_state, sessions, _nodes, channel, _alarms, _ha, _views, logger);
        _heartbeats = new HostHeartbeats(_state, settings, sessions, _nodes, _registrations, new Reconciliation(_state, channel, _alarms, _migrations, settings), _alarms, _ha, _migrations, logger);
        _reconfiguration = new VmReconfiguration(_state, settings, channel, sessions);
        _rejections = new CommandRejections(_state, sessions, _starts, _ha, _migrations, _alarms, _reconfiguration);
        _vms = new VmLifecycle(_state, settings, channel, _starts, _stopWaiters, _ha);
        _maintenance = new HostMaintenance(_state, settings, sessions, _migrations, _alarms, _views);
        _rules = new VrmRules(_state, _alarms);
    }

    public string PersistenceId => VrmActor.PersistenceIdValue;

    public long Epoch { get; }

    public string Holder { get; }

    /// <summary>The cluster as <c>GetClusterStatus</c> answers it, read without deciding (the actor publishes it to its metrics).</summary>
    public ClusterStatus Status() => _views.Status();

    public void RecoverSnapshot(object snapshot) => _state.Restore((InventorySnapshot)snapshot);

    public void Recover(object @event)
    {
        _eventsRecovered++;
        if (@event is IWireMessage wire)
        {
            _state.Apply(wire);
        }
    }

    public Step Start(DateTimeOffset now)
    {
        _decision.Begin(Peer.None, now);
        _log.LogInformation("VRM active with epoch {Epoch}: {Hosts} hosts, {Vms} VMs recovered ({Events} events replayed)", Epoch, _state.Inventory.Hosts.Count, _state.Inventory.Vms.Count, _eventsRecovered);
        _heartbeats.GiveEveryHostAWindow(_decision);
        _decision.Step.StartPeriodicTimer(DetectTick.TimerKey, DetectTick.Instance, _settings.DetectionTick);
        _decision.Step.StartPeriodicTimer(HaRecheck.TimerKey, HaRecheck.Instance, _settings.HaRecheckInterval);

        // Migrations a previous VRM left open are driven to an end before HA looks at anything; evacuations go on.
        _migrations.Resume(_decision);
        _maintenance.Continue(_decision);

        // Alarms whose condition ended while no VRM watched (or that an old one raised too late) clear now.
        _alarms.Settle(_decision);

        // Resume HA where a previous VRM left off: VMs of hosts already faulty are looked at now.
        _ha.Evaluate(_decision);
        return Finish();
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        var d = _decision;
        d.Begin(from, now);
        switch (input)
        {
            // From hosts.
            case Heartbeat heartbeat: _heartbeats.OnHeartbeat(d, heartbeat); break;
            case HostRegister register: _registrations.OnRegister(d, register); break;
            case CommandAccepted accepted: _starts.Settle(accepted.CommandId); _reconfiguration.OnAccepted(d, accepted.CommandId); break;
            case CommandRejected rejected: _rejections.OnRejected(d, rejected); break;
            case StaleEpochRejected stale: OnDeposed(d, stale); break;
            case ClusterMembersSeen members: _nodes.Seen(members); break;

            // Timers and effect answers.
            case DetectTick: _heartbeats.DetectFaultyHosts(d); break;
            case HaRecheck: _ha.Evaluate(d); _migrations.AdmitWaiting(d); _maintenance.Continue(d); _rules.Check(d); break;
            case StorageLeasesRead read: _ha.OnLeasesRead(d, read); break;
            case RetryRestart retry: _ha.OnRetryDue(d, retry); break;
            case StopWaitExpired expired: _stopWaiters.Answer(d, expired.VmId); break;
            case HotReconfigureWaitExpired expired: _reconfiguration.OnWaitExpired(d, expired); break;
            case MigrationTimedOut timedOut: _migrations.Route(d, timedOut.MigrationId, timedOut); break;

            // From hosts taking part in a migration.
            case IncomingMigrationPrepared prepared: _migrations.Route(d, prepared.MigrationId, prepared); break;
            case MigrationProgressReported progress: _migrations.Route(d, progress.MigrationId, progress); break;
            case MigratedVmResumed resumed: _migrations.Route(d, resumed.MigrationId, resumed); break;
            case DiskMirrorProgressReported mirror: _migrations.Route(d, mirror.MigrationId, mirror); break;
            case DiskMirrorPivoted pivoted: _migrations.Route(d, pivoted.MigrationId, pivoted); break;
            case DiskCopyProgressReported copy: _migrations.Route(d, copy.MigrationId, copy); break;

            // Operators' commands.
            case CreateVm create: _vms.OnCreate(d, create.Request); break;
            case PowerOnVm powerOn: _vms.OnPowerOn(d, powerOn.VmId); break;
            case PowerOffVm powerOff: _vms.OnPowerOff(d, powerOff); break;
            case RemoveVm remove: _vms.OnRemove(d, remove.VmId); break;
            case ReconfigureVm reconfigure: _reconfiguration.OnReconfigure(d, reconfigure); break;
            case AddDatastore add: _vms.OnAddDatastore(d, add); break;
            case RemoveHost removeHost: _registrations.OnRemove(d, removeHost); break;
            case AcknowledgeAlarm ack: _alarms.Acknowledge(d, ack); break;
            case MigrateVm migrate: _migrations.OnMigrate(d, migrate); break;
            case MigrationCancelRequested cancel: _migrations.Route(d, cancel.MigrationId, cancel); break;
            case EnterMaintenance enter: _maintenance.OnEnter(d, enter); break;
            case ExitMaintenance exit: _maintenance.OnExit(d, exit); break;
            case SaveGroup save: _rules.OnSaveGroup(d, save); break;
            case DeleteGroup deleteGroup: _rules.OnDeleteGroup(d, deleteGroup); break;
            case CreateRule createRule: _rules.OnCreateRule(d, createRule); break;
            case DeleteRule deleteRule: _rules.OnDeleteRule(d, deleteRule); break;

            // Operators' questions.
            case GetLeader: d.Reply(new LeaderInfo(Holder, Epoch, true)); break;
            case GetClusterStatus: d.Reply(_views.Status()); break;
            case ListHosts: d.Reply(_views.Hosts()); break;
            case GetHost get: d.Reply(_views.Host(get.HostId)); break;
            case ListDatastores: d.Reply(_views.Datastores.All()); break;
            case GetDatastore getDatastore: d.Reply(_views.Datastores.One(getDatastore.DatastoreId)); break;
            case ListVms: d.Reply(_views.Vms()); break;
            case GetVm getVm: d.Reply(_views.Vm(getVm.VmId)); break;
            case GetInventoryFingerprint: d.Reply(_state.Inventory.Fingerprint()); break;
            case GetHeartbeatCount: d.Reply(new HeartbeatCount(_heartbeats.Handled)); break;
            case ListAlarms list: _alarms.List(d, list); break;
            case ListMigrations: d.Reply(_migrations.List()); break;
            case GetMigration getMigration: d.Reply(_migrations.Get(getMigration.MigrationId)); break;
            case GetAlarm getAlarm: _alarms.Get(d, getAlarm); break;
            case ListRules: d.Reply(new RuleList(_rules.Rules())); break;
            case GetRule getRule: d.Reply(_rules.Rule(getRule.Name)); break;
            case ListGroups: d.Reply(new GroupList(_rules.Groups())); break;
            case GetGroup getGroup: d.Reply(_rules.Group(getGroup.Name)); break;

            default: d.Step.ReportUnhandled(input); break;
        }

        return Finish();
    }

    /// <summary>
    /// Applies the events this input recorded, in order, each by the components whose state it changes, and runs
    /// what its recorder asked to run after it (which may record more); then asks for a snapshot when one is due.
    /// </summary>
    private Step Finish()
    {
        var d = _decision;
        while (true)
        {
            while (d.TryTakeUnapplied(out var @event, out var after))
            {
                Apply(d, @event);
                after?.Invoke(@event);
                if (++_eventsSinceSnapshot >= _settings.SnapshotEvery)
                {
                    _eventsSinceSnapshot = 0;
                    _snapshotDue = true;
                }
            }

            if (!_evacuationDue)
            {
                break;
            }

            _evacuationDue = false;
            _maintenance.Continue(d);
        }

        foreach (var action in d.TakeWhenDone())
        {
            action();
        }

        if (_snapshotDue)
        {
            // Taken at the end of the step, as the runtime saves it at the sequence number of the step's last event;
            // the count keeps its cadence of one snapshot per SnapshotEvery events.
            _snapshotDue = false;
            d.Step.SaveSnapshot(_state.ToSnapshot());
        }

        d.End();
        return d.Step;
    }

    private void Apply(Decision d, IWireMessage @event)
    {
        d.Step.Persist(@event);
        _state.Apply(@event);
        if (@event is IInventoryEvent)
        {
            _alarms.Settle(d);
        }

        if (@event is VmPowerStateChanged { From: VmPowerState.Stopping } stopped)
        {
            _stopWaiters.Answer(d, stopped.VmId);
        }

        // What may let an evacuation go on (a VM moved, stopped or back; a migration ended; a host changed). It looks once
        // the step's events are all applied, so that a migration's end and the VM's move are both seen.
        _evacuationDue |= @event is VmMigrated or VmPowerStateChanged or VmDeleted or HostStateChanged or MigrationPhaseChanged { To: MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed };
    }

    private void OnDeposed(Decision d, StaleEpochRejected stale)
    {
        // A host has seen a newer controller: this one is deposed and must stop acting at once.
        _log.LogWarning("host saw epoch {Seen} > ours {Ours}; this VRM stops", stale.SeenEpoch, Epoch);
        d.Step.Stop();
    }
}
