using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// Every decision of the VRM, with no runtime in it: it owns the inventory (persisted as events), hears
/// hosts' heartbeats, marks silent hosts faulty, runs HA and VM lifecycle commands. Exactly one runs
/// cluster-wide, under the controller lease; <see cref="Epoch"/> is that lease's fencing token and goes with
/// every command to a host. Whatever runs it (the kernel's <see cref="VrmActor"/>, Akka, the simulation)
/// stores a step's events before it performs the rest of the step.
/// </summary>
public sealed partial class VrmDecider : IPersistentDecider
{
    private readonly VrmSettings _settings;
    private readonly ILogger _log;
    private readonly Step _step = new();
    private readonly Queue<(IWireMessage Event, Action<IWireMessage>? After)> _unapplied = new();
    private Inventory _inventory = new();
    private long _eventsSinceSnapshot;
    private long _eventsRecovered;
    private bool _snapshotDue;

    // The input being decided: who sent it and when. Only valid inside Start/Decide.
    private Peer _from = Peer.None;
    private DateTimeOffset _now;

    public VrmDecider(VrmSettings settings, long epoch, string holder, ILogger logger)
    {
        settings.Validate();
        _settings = settings;
        _log = logger;
        Epoch = epoch;
        Holder = holder;
    }

    public string PersistenceId => VrmActor.PersistenceIdValue;

    public long Epoch { get; }

    public string Holder { get; }

    public void RecoverSnapshot(object snapshot) => _inventory = Inventory.FromSnapshot((InventorySnapshot)snapshot);

    public void Recover(object @event)
    {
        _eventsRecovered++;

        // The inventory follows the inventory events; HA's bookkeeping (attempts, abandoned VMs) follows both.
        if (@event is IInventoryEvent inventoryEvent)
        {
            _inventory.Apply(inventoryEvent);
        }

        if (@event is IWireMessage wire)
        {
            TrackHa(wire);
        }
    }

    public Step Start(DateTimeOffset now)
    {
        Begin(Peer.None, now);
        _log.LogInformation("VRM active with epoch {Epoch}: {Hosts} hosts, {Vms} VMs recovered ({Events} events replayed)", Epoch, _inventory.Hosts.Count, _inventory.Vms.Count, _eventsRecovered);

        // A new VRM gives every host a full detection window from now: it has heard nobody yet.
        foreach (var host in _inventory.Hosts)
        {
            Heard(host.HostId);
        }

        _step.StartPeriodicTimer(DetectTick.TimerKey, DetectTick.Instance, _settings.DetectionTick);
        _step.StartPeriodicTimer(HaRecheck.TimerKey, HaRecheck.Instance, _settings.HaRecheckInterval);

        // Alarms whose condition ended while no VRM watched (or that an old one raised too late) clear now.
        SettleAlarms();

        // Resume HA where a previous VRM left off: VMs of hosts already faulty are looked at now.
        EvaluateHa();
        return Finish();
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        Begin(from, now);
        switch (input)
        {
            case HostRegister register:
                OnHostRegister(register);
                break;
            case Heartbeat heartbeat:
                OnHeartbeat(heartbeat);
                break;
            case DetectTick:
                DetectFaultyHosts();
                break;
            case HaRecheck:
                EvaluateHa();
                break;
            case LeasesChecked checkedLeases:
                OnLeasesChecked(checkedLeases);
                break;
            case RetryRestart retry:
                OnRetryRestart(retry);
                break;
            case StopWaitExpired expired:
                OnStopWaitExpired(expired);
                break;
            case CommandAccepted accepted:
                _startCommands.Remove(accepted.CommandId);
                break;
            case CommandRejected rejected:
                OnCommandRejected(rejected);
                break;
            case StaleEpochRejected stale:
                OnDeposed(stale);
                break;
            case GetLeader:
                _step.Send(from, new LeaderInfo(Holder, Epoch, true));
                break;
            default:
                if (!HandleAdmin(input))
                {
                    _step.ReportUnhandled(input);
                }

                break;
        }

        return Finish();
    }

    private void Begin(Peer from, DateTimeOffset now)
    {
        _step.Clear();
        _from = from;
        _now = now;
    }

    /// <summary>
    /// Applies the events this input recorded, in order, running what each one's handler does once applied
    /// (which may record more). Handlers run after the code that recorded them, as they did when they were
    /// persist callbacks: the same inputs give the same events in the same order as before the decider.
    /// </summary>
    private Step Finish()
    {
        while (_unapplied.TryDequeue(out var next))
        {
            Apply(next.Event);
            next.After?.Invoke(next.Event);
            if (++_eventsSinceSnapshot >= _settings.SnapshotEvery)
            {
                _eventsSinceSnapshot = 0;
                _snapshotDue = true;
            }
        }

        if (_snapshotDue)
        {
            // Taken at the end of the step, as the runtime saves it at the sequence number of the step's last event;
            // the count keeps its cadence of one snapshot per SnapshotEvery events.
            _snapshotDue = false;
            _step.SaveSnapshot(_inventory.ToSnapshotRecord());
        }

        _from = Peer.None;
        return _step;
    }

    private void Apply(IWireMessage @event)
    {
        _step.Persist(@event);
        if (@event is IInventoryEvent inventoryEvent)
        {
            _inventory.Apply(inventoryEvent);
            SettleAlarms();
        }

        TrackHa(@event);
        if (@event is VmPowerStateChanged { From: VmPowerState.Stopping } stopped)
        {
            AnswerStopWaiters(stopped.VmId);
        }
    }

    /// <summary>Records an inventory or HA event; it is applied, then <paramref name="after"/> runs, before the step is returned.</summary>
    private void Record<TEvent>(TEvent @event, Action<TEvent>? after = null)
        where TEvent : IWireMessage =>
        _unapplied.Enqueue((@event, after is null ? null : e => after((TEvent)e)));

    /// <summary>Records events in order and runs <paramref name="after"/> once the last is applied (at once if none).</summary>
    private void RecordAll(IReadOnlyList<IWireMessage> events, Action after)
    {
        if (events.Count == 0)
        {
            after();
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            Record(events[i], i == events.Count - 1 ? _ => after() : null);
        }
    }

    private void OnDeposed(StaleEpochRejected stale)
    {
        // A host has seen a newer controller: this one is deposed and must stop acting at once.
        _log.LogWarning("host saw epoch {Seen} > ours {Ours}; this VRM stops", stale.SeenEpoch, Epoch);
        _step.Stop();
    }
}
