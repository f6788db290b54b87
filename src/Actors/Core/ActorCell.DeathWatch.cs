namespace Cluster.Actors;

/// <summary>Watch, Unwatch and the Terminated notifications, local or remote.</summary>
internal sealed partial class ActorCell
{
    private readonly HashSet<ActorRef> _watching = [];
    private readonly HashSet<ActorRef> _watchedBy = [];

    public ActorRef Watch(ActorRef actor)
    {
        if (!actor.Equals(Self) && _watching.Add(actor))
        {
            actor.SendSystemMessage(new Watch(actor, Self));
        }

        return actor;
    }

    public ActorRef Unwatch(ActorRef actor)
    {
        if (_watching.Remove(actor))
        {
            actor.SendSystemMessage(new Unwatch(actor, Self));
        }

        return actor;
    }

    private void AddWatcher(Watch watch)
    {
        if (!watch.Watchee.Equals(Self))
        {
            return;
        }

        if (_state == CellState.Terminated)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self, true, false));
            return;
        }

        _watchedBy.Add(watch.Watcher);
    }

    private void RemoveWatcher(Unwatch unwatch) => _watchedBy.Remove(unwatch.Watcher);

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var wasChild = RemoveChild(notification.Actor);
        if (!_watching.Remove(notification.Actor))
        {
            return;
        }

        if (_state != CellState.Running || _actor is null)
        {
            return;
        }

        var terminated = new Terminated(notification.Actor, notification.ExistenceConfirmed || wasChild, notification.AddressTerminated);
        _current = new Envelope(terminated, notification.Actor);
        try
        {
            _behaviors[^1](terminated);
        }
        finally
        {
            _current = default;
        }
    }

    private void NotifyWatchersAndParent()
    {
        var notification = new DeathWatchNotification(Self, true, false);

        // The parent always learns of a child's end, to free the name; a parent that also watches is told once.
        var parentAlreadyTold = ParentCell is not null && _watchedBy.Contains(ParentCell.Self);
        foreach (var watcher in _watchedBy)
        {
            watcher.SendSystemMessage(notification);
        }

        _watchedBy.Clear();
        foreach (var watched in _watching)
        {
            watched.SendSystemMessage(new Unwatch(watched, Self));
        }

        _watching.Clear();
        if (ParentCell is not null && !parentAlreadyTold)
        {
            ParentCell.Self.SendSystemMessage(notification);
        }
    }
}
