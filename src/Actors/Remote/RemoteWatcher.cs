namespace Cluster.Actors.Remote;

/// <summary>
/// Heartbeats every node that hosts an actor someone here watches. A node silent for longer than
/// <see cref="RemoteWatchOptions.UnreachableAfter"/> is taken as gone: each of its watched actors
/// yields Terminated with AddressTerminated set, since nothing more will be heard from it.
/// </summary>
internal sealed class RemoteWatcher : ActorBase
{
    private readonly RemoteWatchOptions _options;
    private readonly Dictionary<NodeAddress, WatchedNode> _nodes = [];
    private long _sequence;

    public RemoteWatcher(RemoteWatchOptions options)
    {
        _options = options;
        Timers.StartPeriodicTimer("tick", Tick.Instance, options.HeartbeatInterval);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WatchRemote watch:
                NodeOf(watch.Watchee.Path.Address).Pairs.Add((watch.Watchee, watch.Watcher));
                break;
            case UnwatchRemote unwatch when _nodes.TryGetValue(unwatch.Watchee.Path.Address, out var node):
                node.Pairs.Remove((unwatch.Watchee, unwatch.Watcher));
                if (node.Pairs.Count == 0)
                {
                    _nodes.Remove(unwatch.Watchee.Path.Address);
                }

                break;
            case RemoteHeartbeat heartbeat:
                Sender.Tell(new RemoteHeartbeatAck(heartbeat.Sequence), Self);
                break;
            case RemoteHeartbeatAck when _nodes.TryGetValue(Sender.Path.Address, out var node):
                node.LastHeard = Context.Time.GetUtcNow();
                break;
            case Tick:
                CheckNodes();
                break;
            case UnwatchRemote or RemoteHeartbeatAck:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private WatchedNode NodeOf(NodeAddress address)
    {
        if (!_nodes.TryGetValue(address, out var node))
        {
            node = new WatchedNode(Context.Time.GetUtcNow());
            _nodes[address] = node;
        }

        return node;
    }

    private void CheckNodes()
    {
        var now = Context.Time.GetUtcNow();
        foreach (var (address, node) in _nodes.ToList())
        {
            if (now - node.LastHeard > _options.UnreachableAfter)
            {
                Log.LogUnreachable(address, now - node.LastHeard);
                foreach (var (watchee, watcher) in node.Pairs)
                {
                    watcher.SendSystemMessage(new DeathWatchNotification(watchee, false, true));
                }

                _nodes.Remove(address);
                continue;
            }

            Context.System.ResolvePath(new ActorPath(address, Remoting.WatcherPath)).Tell(new RemoteHeartbeat(++_sequence), Self);
        }
    }

    internal sealed record WatchRemote(ActorRef Watchee, ActorRef Watcher);

    internal sealed record UnwatchRemote(ActorRef Watchee, ActorRef Watcher);

    private sealed record Tick : INotInfluenceReceiveTimeout
    {
        public static readonly Tick Instance = new();
    }

    private sealed class WatchedNode(DateTimeOffset since)
    {
        public HashSet<(ActorRef Watchee, ActorRef Watcher)> Pairs { get; } = [];

        public DateTimeOffset LastHeard { get; set; } = since;
    }
}
