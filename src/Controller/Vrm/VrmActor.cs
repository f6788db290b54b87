using Cluster.Actors;
using Cluster.Messages;
using Cluster.Persistence;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Vrm;

/// <summary>
/// The VRM: owns the inventory (persisted as events), hears hosts' heartbeats, marks silent hosts
/// faulty, and runs VM lifecycle commands. Exactly one runs cluster-wide, under the controller lease;
/// <see cref="Epoch"/> is that lease's fencing token and goes with every command to a host.
/// </summary>
public sealed partial class VrmActor : EventSourcedActor
{
    public const string PersistenceIdValue = "vrm";

    private readonly VrmSettings _settings;
    private Inventory _inventory = new();
    private long _eventsSinceSnapshot;

    public VrmActor(PersistenceServices persistence, VrmSettings settings, long epoch, string holder, IStorageLeaseStore? storageLeases = null)
        : base(persistence)
    {
        settings.Validate();
        _settings = settings;
        Epoch = epoch;
        Holder = holder;
        _storageLeases = storageLeases;
    }

    public override string PersistenceId => PersistenceIdValue;

    public long Epoch { get; }

    public string Holder { get; }

    public static Props Props(PersistenceServices persistence, VrmSettings settings, long epoch, string holder, IStorageLeaseStore? storageLeases = null) =>
        Actors.Props.Create(() => new VrmActor(persistence, settings, epoch, holder, storageLeases));

    protected override void OnRecoverSnapshot(object snapshot) => _inventory = Inventory.FromSnapshot((InventorySnapshot)snapshot);

    protected override void OnRecover(object @event)
    {
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

    protected override void OnRecoveryCompleted()
    {
        Log.LogInformation("VRM active with epoch {Epoch}: {Hosts} hosts, {Vms} VMs recovered up to event {Seq}", Epoch, _inventory.Hosts.Count, _inventory.Vms.Count, LastSequenceNr);

        // A new VRM gives every host a full detection window from now: it has heard nobody yet.
        foreach (var host in _inventory.Hosts)
        {
            Heard(host.HostId);
        }

        Timers.StartPeriodicTimer("detect", DetectTick.Instance, _settings.DetectionTick);
        Timers.StartPeriodicTimer("ha-recheck", HaRecheck.Instance, _settings.HaRecheckInterval);

        // Alarms whose condition ended while no VRM watched (or that an old one raised too late) clear now.
        SettleAlarms();

        // Resume HA where a previous VRM left off: VMs of hosts already faulty are looked at now.
        EvaluateHa();
    }

    protected override void OnCommand(object message)
    {
        switch (message)
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
                Sender.Tell(new LeaderInfo(Holder, Epoch, true), Self);
                break;
            case SaveSnapshotSuccess or SaveSnapshotFailure:
                break;
            default:
                if (!HandleAdmin(message))
                {
                    Unhandled(message);
                }

                break;
        }
    }

    /// <summary>Persists an inventory or HA event, applies it, then runs <paramref name="after"/>.</summary>
    private void Record<TEvent>(TEvent @event, Action<TEvent>? after = null)
        where TEvent : IWireMessage =>
        Persist(@event, e =>
        {
            if (e is IInventoryEvent inventoryEvent)
            {
                _inventory.Apply(inventoryEvent);
                SettleAlarms();
            }

            TrackHa(e);
            if (e is VmPowerStateChanged { From: VmPowerState.Stopping } stopped)
            {
                AnswerStopWaiters(stopped.VmId);
            }

            after?.Invoke(e);
            if (++_eventsSinceSnapshot >= _settings.SnapshotEvery)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(_inventory.ToSnapshotRecord());
            }
        });

    /// <summary>Persists events in order and runs <paramref name="after"/> once the last is stored (at once if none).</summary>
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
        Log.LogWarning("host saw epoch {Seen} > ours {Ours}; this VRM stops", stale.SeenEpoch, Epoch);
        Context.Stop(Self);
    }

    private sealed record DetectTick : INotInfluenceReceiveTimeout
    {
        public static readonly DetectTick Instance = new();
    }
}
