using Cluster.Messages;

namespace Cluster.Controller.Alarms;

/// <summary>
/// The alarm inventory: active alarms (at most one per kind and object) and the most recently cleared
/// ones, folded from alarm events. Its decisions (<see cref="Observe"/>, <see cref="Clear"/>,
/// <see cref="Settle"/>, <see cref="Acknowledge"/>) return the events to persist and do not change the
/// alarms until those events are applied; what is decided but not yet applied counts as pending, so
/// two decisions before the journal answers never raise or clear the same alarm twice.
/// Pure: no actors, no clock (the caller passes the time).
/// </summary>
public sealed class AlarmBook
{
    /// <summary>How many cleared alarms are kept for <c>?all=true</c>.</summary>
    public const int RecentClearedKept = 100;

    private readonly SortedDictionary<string, Alarm> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, AlarmObject Object), string> _activeByCondition = [];
    private readonly LinkedList<Alarm> _recentCleared = new();
    private readonly HashSet<(string Kind, AlarmObject Object)> _pendingRaises = [];
    private readonly HashSet<string> _pendingClears = new(StringComparer.Ordinal);
    private int _pendingCount;

    /// <summary>Counts every alarm ever raised, so alarm ids never repeat.</summary>
    public long EverRaised { get; private set; }

    public IReadOnlyCollection<Alarm> Active => _active.Values;

    /// <summary>Active alarms, then cleared ones newest first.</summary>
    public IEnumerable<Alarm> All => _active.Values.Concat(_recentCleared);

    public Alarm? Find(string alarmId) =>
        _active.GetValueOrDefault(alarmId) ?? _recentCleared.FirstOrDefault(a => a.AlarmId == alarmId);

    public Alarm? ActiveFor(string kind, AlarmObject subject) =>
        _activeByCondition.TryGetValue((kind, subject), out var id) ? _active[id] : null;

    public bool IsActiveOrPending(string kind, AlarmObject subject) =>
        _activeByCondition.ContainsKey((kind, subject)) || _pendingRaises.Contains((kind, subject));

    /// <summary>
    /// The condition holds now: a new alarm if none is active (or pending) for it; if one is active, an
    /// <see cref="AlarmRepeated"/> when <paramref name="countRepeat"/>, else nothing.
    /// </summary>
    public IInventoryEvent? Observe(AlarmCondition condition, DateTimeOffset now, bool countRepeat = false)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var key = (condition.Kind, condition.Object);
        if (_activeByCondition.TryGetValue(key, out var id))
        {
            return countRepeat && !_pendingClears.Contains(id) ? new AlarmRepeated(id, condition.Text, now) : null;
        }

        if (!_pendingRaises.Add(key))
        {
            return null;
        }

        _pendingCount++;
        var alarmId = $"alarm-{EverRaised + _pendingCount:D4}";
        return new AlarmRaised(alarmId, condition.Kind, condition.Severity, condition.Object, condition.Text, now, condition.Related);
    }

    /// <summary>The condition ended: clears its active alarm, if any.</summary>
    public AlarmCleared? Clear(string kind, AlarmObject subject, string reason, DateTimeOffset now) =>
        _activeByCondition.TryGetValue((kind, subject), out var id) ? ClearById(id, reason, now) : null;

    /// <summary>Clears every active alarm for which <paramref name="endedBecause"/> gives a reason (null: still holds).</summary>
    public IReadOnlyList<AlarmCleared> Settle(Func<Alarm, string?> endedBecause, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endedBecause);
        List<AlarmCleared>? cleared = null;
        foreach (var alarm in _active.Values)
        {
            if (!_pendingClears.Contains(alarm.AlarmId) && endedBecause(alarm) is { } reason && ClearById(alarm.AlarmId, reason, now) is { } clear)
            {
                (cleared ??= []).Add(clear);
            }
        }

        return cleared ?? (IReadOnlyList<AlarmCleared>)[];
    }

    /// <summary>An operator acknowledges: the event, or why not (unknown id, already cleared). Acknowledging twice is no new event.</summary>
    public (AlarmAcknowledged? Event, string? Refusal, bool Found) Acknowledge(string alarmId, string by, DateTimeOffset now)
    {
        if (_active.TryGetValue(alarmId, out var alarm))
        {
            return (alarm.AcknowledgedBy is null ? new AlarmAcknowledged(alarmId, by, now) : null, null, true);
        }

        return Find(alarmId) is null
            ? (null, $"no alarm {alarmId}", false)
            : (null, $"alarm {alarmId} is already cleared; a cleared alarm needs no acknowledgement", true);
    }

    public void Apply(IInventoryEvent @event)
    {
        switch (@event)
        {
            case AlarmRaised e:
                _pendingRaises.Remove((e.Kind, e.Object));
                _pendingCount = Math.Max(0, _pendingCount - 1);
                EverRaised++;
                Put(new Alarm(e.AlarmId, e.Kind, e.Severity, e.Object, e.Related, e.Text, e.At, e.At, 1));
                break;
            case AlarmRepeated e when _active.TryGetValue(e.AlarmId, out var repeated):
                _active[e.AlarmId] = repeated with { LastSeen = e.At, Count = repeated.Count + 1, Text = e.Text };
                break;
            case AlarmAcknowledged e when _active.TryGetValue(e.AlarmId, out var acknowledged):
                _active[e.AlarmId] = acknowledged with { AcknowledgedBy = e.By, AcknowledgedAt = e.At };
                break;
            case AlarmCleared e:
                _pendingClears.Remove(e.AlarmId);
                if (_active.Remove(e.AlarmId, out var cleared))
                {
                    _activeByCondition.Remove((cleared.Kind, cleared.Object));
                    Remember(cleared with { ClearedAt = e.At, ClearReason = e.Reason });
                }

                break;
        }
    }

    /// <summary>Every alarm kept (active and recent cleared), for a snapshot.</summary>
    public IReadOnlyList<Alarm> ToSnapshot() => [.. _active.Values, .. _recentCleared.Reverse()];

    public static AlarmBook FromSnapshot(IReadOnlyList<Alarm>? alarms, long everRaised)
    {
        var book = new AlarmBook { EverRaised = everRaised };
        foreach (var alarm in (alarms ?? []).Where(a => a.AlarmId is not null && a.Object is not null))
        {
            if (alarm.Active)
            {
                book.Put(alarm);
            }
            else
            {
                book.Remember(alarm);
            }
        }

        return book;
    }

    private AlarmCleared? ClearById(string id, string reason, DateTimeOffset now) =>
        _pendingClears.Add(id) ? new AlarmCleared(id, reason, now) : null;

    private void Put(Alarm alarm)
    {
        _active[alarm.AlarmId] = alarm;
        _activeByCondition[(alarm.Kind, alarm.Object)] = alarm.AlarmId;
    }

    private void Remember(Alarm cleared)
    {
        _recentCleared.AddFirst(cleared);
        while (_recentCleared.Count > RecentClearedKept)
        {
            _recentCleared.RemoveLast();
        }
    }
}
