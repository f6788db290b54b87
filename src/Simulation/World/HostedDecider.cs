using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// One life of a decider on a node: the instance, its keyed timers and its journal position. A restart (node
/// crash, refused journal write) makes a new one, so nothing addressed to the old life reaches the new one.
/// </summary>
internal sealed class HostedDecider
{
    private readonly Dictionary<string, TimerDelivery> _timers = new(StringComparer.Ordinal);

    public HostedDecider(SimNode node, string name, Func<IDecider> create, Action? onStopped)
    {
        Node = node;
        Name = name;
        Create = create;
        OnStopped = onStopped;
        Address = new SimAddress(node.Name, name);
        Self = new Peer(Address);
        Decider = create();
        Persistent = Decider as IPersistentDecider;
    }

    public SimNode Node { get; }

    public string Name { get; }

    public SimAddress Address { get; }

    /// <summary>Built once: every message this decider sends carries it as the sender.</summary>
    public Peer Self { get; }

    public IDecider Decider { get; }

    public IPersistentDecider? Persistent { get; }

    public Func<IDecider> Create { get; }

    /// <summary>Told when the decider asks to stop (not when it dies with its node): a singleton's manager listens.</summary>
    public Action? OnStopped { get; }

    public bool Alive { get; private set; } = true;

    public long SequenceNr { get; set; }

    public void Apply(TimerCommand command, SimWorld world)
    {
        if (_timers.Remove(command.Key, out var replaced))
        {
            replaced.Live = false;
        }

        if (command is StartTimer start)
        {
            if (start.Periodic && start.Delay <= TimeSpan.Zero)
            {
                // It would fire forever at one instant and virtual time could never move on.
                throw new ArgumentOutOfRangeException(nameof(command), start.Delay, $"{Address}: periodic timer '{start.Key}' needs a positive interval");
            }

            var timer = new TimerDelivery(this, start.Key, start.Message, start.Delay, start.Periodic);
            _timers[start.Key] = timer;
            world.Schedule(world.Clock.Ticks + start.Delay.Ticks, timer);
        }
    }

    public void TimerFired(TimerDelivery timer)
    {
        if (_timers.TryGetValue(timer.Key, out var current) && ReferenceEquals(current, timer))
        {
            _timers.Remove(timer.Key);
        }

        timer.Live = false;
    }

    public bool HasTimer(string key) => _timers.ContainsKey(key);

    /// <summary>Ends this life: its timers die with it and anything still addressed to it is dropped on arrival.</summary>
    public void Kill()
    {
        Alive = false;
        foreach (var timer in _timers.Values)
        {
            timer.Live = false;
        }

        _timers.Clear();
    }
}
