using System.Collections.Concurrent;

namespace Cluster.Actors;

/// <summary>Child actors: creation with unique names, lookup, stopping.</summary>
internal sealed partial class ActorCell
{
    // Concurrent because path lookups come from any thread; creation and removal only from this actor.
    private readonly ConcurrentDictionary<string, LocalActorRef> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RestartStatistics> _restartStats = new(StringComparer.Ordinal);
    private long _nextChildNumber;

    public IReadOnlyCollection<ActorRef> Children => _children.Values.Cast<ActorRef>().ToList();

    public ActorRef? Child(string name) => _children.TryGetValue(name, out var child) ? child : null;

    internal LocalActorRef? ChildRef(string name) => _children.TryGetValue(name, out var child) ? child : null;

    public ActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (_state is CellState.Terminating or CellState.Terminated)
        {
            throw new InvalidOperationException($"{Self} is stopping and cannot create children");
        }

        name ??= "$" + Interlocked.Increment(ref _nextChildNumber).ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        ValidateChildName(name);
        var cell = new ActorCell(System, this, props, Self.Path.Child(name, System.NextUid()));
        if (!_children.TryAdd(name, cell.SelfRef))
        {
            throw new InvalidOperationException($"actor name '{name}' is not unique under {Self.Path}");
        }

        cell.Mailbox.PostSystem(new Create());
        return cell.SelfRef;
    }

    public void Stop(ActorRef actor) => actor.SendSystemMessage(new Terminate());

    private static void ValidateChildName(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException($"actor name '{name}' must be non-empty and contain neither '/' nor '#'", nameof(name));
        }
    }

    private bool IsMyChild(ActorRef actor) =>
        _children.TryGetValue(actor.Path.Name, out var child) && child.Equals(actor);

    private RestartStatistics RestartStatsFor(ActorRef child)
    {
        if (!_restartStats.TryGetValue(child.Path.Name, out var stats))
        {
            stats = new RestartStatistics();
            _restartStats[child.Path.Name] = stats;
        }

        return stats;
    }

    /// <summary>Returns false if there were no children to wait for.</summary>
    private bool StopAllChildren()
    {
        if (_children.IsEmpty)
        {
            return false;
        }

        foreach (var child in _children.Values)
        {
            Stop(child);
        }

        return true;
    }

    /// <summary>Returns true if the notification was about a child of ours.</summary>
    private bool RemoveChild(ActorRef actor)
    {
        if (!IsMyChild(actor))
        {
            return false;
        }

        _children.TryRemove(actor.Path.Name, out _);
        _restartStats.Remove(actor.Path.Name);
        if (_state == CellState.Terminating && _children.IsEmpty)
        {
            FinishTerminate();
        }

        return true;
    }
}
