using Cluster.Actors.Remote;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Actors.Deterministic;

/// <summary>
/// A whole cluster in one thread: nodes (actor systems) on one deterministic dispatcher, one virtual
/// clock and one simulated network. Nodes can crash (everything on them gone at once) and restart
/// (their start-up code runs again on a fresh system at the same address).
/// </summary>
public sealed class DeterministicWorld
{
    private readonly Dictionary<string, NodeSlot> _nodes = new(StringComparer.Ordinal);

    public DeterministicWorld(int seed, ILoggerFactory? loggerFactory = null)
    {
        Dispatcher = new DeterministicDispatcher(seed);
        Network = new SimulatedNetwork(Dispatcher);
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    public DeterministicDispatcher Dispatcher { get; }

    public VirtualTimeProvider Clock => Dispatcher.Clock;

    public SimulatedNetwork Network { get; }

    public ILoggerFactory LoggerFactory { get; }

    public RemoteWatchOptions RemoteWatch { get; init; } = new();

    public static NodeAddress AddressOf(string node) => new("cluster", node, 0);

    /// <summary>Creates a node; <paramref name="onStart"/> creates its actors, now and after every restart.</summary>
    public ActorSystem CreateNode(string name, Action<ActorSystem>? onStart = null)
    {
        if (_nodes.ContainsKey(name))
        {
            throw new InvalidOperationException($"node '{name}' already exists");
        }

        var slot = new NodeSlot(onStart);
        _nodes[name] = slot;
        return Start(name, slot);
    }

    public ActorSystem Node(string name) =>
        _nodes.TryGetValue(name, out var slot) && slot.System is not null
            ? slot.System
            : throw new KeyNotFoundException($"no running node '{name}'");

    public bool IsUp(string name) => _nodes.TryGetValue(name, out var slot) && slot.System is not null;

    /// <summary>Kills the node: no hooks run, queued and in-flight messages to it are lost.</summary>
    public void Crash(string name)
    {
        var slot = _nodes[name];
        slot.System?.Crash();
        slot.System = null;
        Network.MarkDown(AddressOf(name));
    }

    /// <summary>Starts a crashed node again: a fresh system, same address, start-up code run again.</summary>
    public ActorSystem Restart(string name)
    {
        var slot = _nodes[name];
        if (slot.System is not null)
        {
            throw new InvalidOperationException($"node '{name}' is running; crash it first");
        }

        return Start(name, slot);
    }

    public void Partition(string a, string b, bool oneWay = false) => Network.Partition(AddressOf(a), AddressOf(b), oneWay);

    public void Isolate(string node) => Network.Isolate(AddressOf(node));

    public void Heal() => Network.Heal();

    public void SetFaults(string from, string to, LinkFaults faults) => Network.SetFaults(AddressOf(from), AddressOf(to), faults);

    public long RunUntilIdle() => Dispatcher.RunUntilIdle();

    public void Advance(TimeSpan duration) => Dispatcher.Advance(duration);

    private ActorSystem Start(string name, NodeSlot slot)
    {
        var address = AddressOf(name);
        var options = ActorSystemOptions.Deterministic(Dispatcher, address) with
        {
            Transport = Network.CreateTransport(address),
            LoggerFactory = LoggerFactory,
            RemoteWatch = RemoteWatch,
        };

        // The simulated transport starts synchronously, so this never blocks.
        var system = ActorSystem.CreateAsync(options).GetAwaiter().GetResult();
        slot.System = system;
        slot.OnStart?.Invoke(system);
        return system;
    }

    private sealed class NodeSlot(Action<ActorSystem>? onStart)
    {
        public Action<ActorSystem>? OnStart { get; } = onStart;

        public ActorSystem? System { get; set; }
    }
}
