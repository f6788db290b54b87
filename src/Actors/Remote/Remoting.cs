using System.Collections.Concurrent;

namespace Cluster.Actors.Remote;

/// <summary>
/// Joins an actor system to a transport: turns remote references' sends into envelopes, delivers
/// inbound envelopes to local actors, and carries DeathWatch across nodes.
/// </summary>
internal sealed class Remoting : ITransportInbound, IAsyncDisposable
{
    internal const string WatcherPath = "/system/remote-watcher";

    private readonly ActorSystem _system;
    private readonly ITransport _transport;
    private readonly RemoteWatchOptions _watchOptions;
    private readonly ConcurrentDictionary<ActorPath, RemoteActorRef> _refs = new();
    private ActorRef? _watcher;

    internal Remoting(ActorSystem system, ITransport transport, RemoteWatchOptions watchOptions)
    {
        _system = system;
        _transport = transport;
        _watchOptions = watchOptions;
    }

    internal NodeAddress LocalAddress => _transport.LocalAddress;

    internal void StartWatcher() =>
        _watcher = _system.SystemActorOf(Props.Create(() => new RemoteWatcher(_watchOptions)), "remote-watcher");

    internal RemoteActorRef RefFor(ActorPath path)
    {
        var key = path.Uid == 0 ? path : new ActorPath(path.Address, path.Elements);
        return _refs.GetOrAdd(key, static (p, self) => new RemoteActorRef(self, p), this);
    }

    internal void Send(RemoteActorRef target, object message, ActorRef sender) =>
        _transport.Send(target.Path.Address, new RemoteEnvelope(target.Path.Elements, SenderPath(sender), message));

    internal void SendSystem(RemoteActorRef target, SystemMessage message)
    {
        switch (message)
        {
            case Watch watch:
                _transport.Send(target.Path.Address, new RemoteEnvelope(WatcherPath, null, new RemoteWatch(target.Path.Elements, FullPath(watch.Watcher))));
                _watcher?.Tell(new RemoteWatcher.WatchRemote(target, watch.Watcher));
                break;
            case Unwatch unwatch:
                _transport.Send(target.Path.Address, new RemoteEnvelope(WatcherPath, null, new RemoteUnwatch(target.Path.Elements, FullPath(unwatch.Watcher))));
                _watcher?.Tell(new RemoteWatcher.UnwatchRemote(target, unwatch.Watcher));
                break;
            case DeathWatchNotification notification:
                // The target is the remote watcher; tell it about our actor's end.
                _transport.Send(target.Path.Address, new RemoteEnvelope(target.Path.Elements, null, new RemoteDeathWatchNotification(FullPath(notification.Actor), notification.ExistenceConfirmed)));
                break;
        }
    }

    public void Deliver(NodeAddress from, RemoteEnvelope envelope)
    {
        if (_system.IsCrashed)
        {
            return;
        }

        switch (envelope.Message)
        {
            case RemoteWatch watch:
                var watchee = _system.ResolveLocal(watch.WatcheePath);
                watchee.SendSystemMessage(new Watch(watchee, RefFor(ActorPath.Parse(watch.WatcherPath))));
                return;
            case RemoteUnwatch unwatch:
                var unwatched = _system.ResolveLocal(unwatch.WatcheePath);
                unwatched.SendSystemMessage(new Unwatch(unwatched, RefFor(ActorPath.Parse(unwatch.WatcherPath))));
                return;
            case RemoteDeathWatchNotification notification:
                var watcher = _system.ResolveLocal(envelope.RecipientPath);
                var actor = RefFor(ActorPath.Parse(notification.ActorPath));
                watcher.SendSystemMessage(new DeathWatchNotification(actor, notification.ExistenceConfirmed, false));
                _watcher?.Tell(new RemoteWatcher.UnwatchRemote(actor, watcher));
                return;
        }

        var recipient = _system.ResolveLocal(envelope.RecipientPath);
        var sender = envelope.SenderPath is null ? ActorRefs.NoSender : _system.ResolvePath(ActorPath.Parse(envelope.SenderPath));
        recipient.Tell(envelope.Message, sender);
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    private string? SenderPath(ActorRef sender) => ReferenceEquals(sender, ActorRefs.NoSender) ? null : FullPath(sender);

    private string FullPath(ActorRef actor) =>
        actor is RemoteActorRef ? actor.Path.ToString() : new ActorPath(LocalAddress, actor.Path.Elements).ToString();
}
