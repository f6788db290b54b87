using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// The migrations the journal holds: the requests waiting in the queue (in admission order), the open ones (each
/// reserving its VM's resources on the target, released by the event that ends it, so exactly once), how many ids were
/// ever handed out (ids never repeat), and the most recent ended.
/// </summary>
public sealed class MigrationBook
{
    /// <summary>How many ended migrations are kept for listing.</summary>
    public const int RecentEndedKept = 50;

    private readonly SortedDictionary<MigrationId, OpenMigration> _open = [];
    private readonly Dictionary<VmId, MigrationId> _openByVm = [];
    private readonly LinkedList<OpenMigration> _recentEnded = new();
    private readonly List<RequestedMigration> _queue = [];
    private readonly LinkedList<RequestedMigration> _recentDropped = new();

    /// <summary>Migration ids handed out: to requests queued and to migrations admitted at once.</summary>
    public long EverNumbered { get; private set; }

    public IReadOnlyCollection<OpenMigration> Open => _open.Values;

    /// <summary>The requests waiting for room, in the order they are to be admitted (priority, then arrival).</summary>
    public IReadOnlyList<RequestedMigration> Queue => _queue;

    /// <summary>Open migrations, then ended ones newest first.</summary>
    public IEnumerable<OpenMigration> All => _open.Values.Concat(_recentEnded);

    /// <summary>Requests that left the queue without being admitted (dropped or cancelled), newest first.</summary>
    public IEnumerable<RequestedMigration> Dropped => _recentDropped;

    public OpenMigration? Find(MigrationId id) => _open.GetValueOrDefault(id) ?? _recentEnded.FirstOrDefault(m => m.Admitted.MigrationId == id);

    /// <summary>A request waiting in the queue or dropped from it recently.</summary>
    public RequestedMigration? FindRequest(MigrationId id) =>
        _queue.Find(q => q.Request.MigrationId == id) ?? _recentDropped.FirstOrDefault(q => q.Request.MigrationId == id);

    public RequestedMigration? QueuedFor(VmId vm) => _queue.Find(q => q.Request.VmId == vm);

    public OpenMigration? OpenFor(VmId vm) => _openByVm.TryGetValue(vm, out var id) ? _open[id] : null;

    public bool IsMigrating(VmId vm) => _openByVm.ContainsKey(vm);

    /// <summary>
    /// The recently ended migration, if any, that rolled back after defining <paramref name="vm"/>'s incoming instance
    /// <paramref name="incarnation"/> on <paramref name="target"/> (incarnations are never issued twice, so it is that one).
    /// Only a live or shared-nothing move defines an incoming instance: a storage or cold one has none, and its
    /// <see cref="MigrationAdmitted.IncarnationOnTarget"/> may well be the incarnation HA later restarted the VM under on
    /// the same host (DST seed 466: a stopped VM's definition was "discarded" again at every heartbeat, for ever).
    /// </summary>
    public MigrationId? RolledBackOnto(VmId vm, HostId target, long incarnation)
    {
        foreach (var ended in _recentEnded)
        {
            var admitted = ended.Admitted;
            if (ended.Phase == MigrationPhase.RolledBack && admitted.Kind is MigrationKind.Live or MigrationKind.SharedNothing && admitted.VmId == vm && admitted.Target == target && admitted.IncarnationOnTarget == incarnation)
            {
                return admitted.MigrationId;
            }
        }

        return null;
    }

    public void Apply(IMigrationEvent @event)
    {
        switch (@event)
        {
            case MigrationRequested requested:
                EverNumbered++;
                Enqueue(new RequestedMigration(requested, EverNumbered));
                break;
            case MigrationAdmitted admitted:
                if (_queue.RemoveAll(q => q.Request.MigrationId == admitted.MigrationId) == 0)
                {
                    EverNumbered++;
                }

                _open[admitted.MigrationId] = new OpenMigration(admitted, MigrationPhase.Admitted, admitted.Reason);
                _openByVm[admitted.VmId] = admitted.MigrationId;
                break;
            case MigrationPhaseChanged changed when _queue.FindIndex(q => q.Request.MigrationId == changed.MigrationId) is >= 0 and var at:
                _recentDropped.AddFirst(_queue[at] with { DroppedBecause = changed.Why });
                _queue.RemoveAt(at);
                if (_recentDropped.Count > RecentEndedKept)
                {
                    _recentDropped.RemoveLast();
                }

                break;
            case MigrationPhaseChanged changed when _open.TryGetValue(changed.MigrationId, out var open):
                var moved = open with
                {
                    Phase = changed.To,
                    LastChange = changed.Why,
                    DowntimeMs = changed.DowntimeMs ?? open.DowntimeMs,
                    TotalMs = changed.TotalMs ?? open.TotalMs,
                };
                if (!moved.IsOver)
                {
                    _open[changed.MigrationId] = moved;
                    break;
                }

                _open.Remove(changed.MigrationId);
                _openByVm.Remove(moved.Admitted.VmId);
                _recentEnded.AddFirst(moved);
                if (_recentEnded.Count > RecentEndedKept)
                {
                    _recentEnded.RemoveLast();
                }

                break;
        }
    }

    /// <summary>What open migrations hold on their targets, from admission until the saga ends, for every plan to count.</summary>
    public IEnumerable<KeyValuePair<HostId, Resources>> Reservations(Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        foreach (var open in _open.Values)
        {
            // A cold migration's VM runs nowhere: its copying host reserves no CPU or memory for it.
            if (open.Admitted.Kind != MigrationKind.Cold && inventory.Vm(open.Admitted.VmId) is { } vm && vm.Host != open.Admitted.Target)
            {
                yield return KeyValuePair.Create(open.Admitted.Target, VmDemand.Of(vm.Spec));
            }
        }
    }

    /// <summary>
    /// <paramref name="snapshot"/> with what open migrations that move disks copy onto their target datastores taken from those
    /// datastores' capacity: until the pivot both copies take space (the source's is the VM's own disks), after it only the new.
    /// </summary>
    public ClusterSnapshot WithDiskCopies(ClusterSnapshot snapshot, Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(inventory);
        var copies = DiskCopiesGb(inventory);
        if (copies.Count == 0)
        {
            return snapshot;
        }

        var capacity = snapshot.DatastoreCapacityGb.ToDictionary(c => c.Key, c => c.Value - copies.GetValueOrDefault(c.Key));
        return new ClusterSnapshot(snapshot.Hosts, snapshot.Vms, snapshot.Rules, capacity, Reservations(inventory));
    }

    /// <summary>The GB open migrations that move disks (storage, shared-nothing, cold) are copying onto each datastore.</summary>
    public Dictionary<DatastoreId, long> DiskCopiesGb(Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var copies = new Dictionary<DatastoreId, long>();
        foreach (var open in _open.Values)
        {
            if (open.Admitted is { Kind: not MigrationKind.Live, Datastore: { } datastore } && inventory.Vm(open.Admitted.VmId) is { } vm)
            {
                copies[datastore] = copies.GetValueOrDefault(datastore) + vm.Spec.Disks.Where(d => d.Datastore != datastore).Sum(d => d.SizeGb);
            }
        }

        return copies;
    }

    public IReadOnlyList<OpenMigration> ToSnapshot() => [.. _open.Values];

    public IReadOnlyList<RequestedMigration> QueueSnapshot() => [.. _queue];

    public void Restore(IReadOnlyList<OpenMigration>? open, long everNumbered, IReadOnlyList<RequestedMigration>? queue)
    {
        _open.Clear();
        _openByVm.Clear();
        _recentEnded.Clear();
        _queue.Clear();
        _recentDropped.Clear();
        EverNumbered = everNumbered;
        foreach (var request in queue ?? [])
        {
            Enqueue(request);
        }

        foreach (var migration in open ?? [])
        {
            _open[migration.Admitted.MigrationId] = migration;
            _openByVm[migration.Admitted.VmId] = migration.Admitted.MigrationId;
        }
    }

    private void Enqueue(RequestedMigration request)
    {
        var at = _queue.FindIndex(q => RequestedMigration.Compare(request, q) < 0);
        _queue.Insert(at < 0 ? _queue.Count : at, request);
    }
}
