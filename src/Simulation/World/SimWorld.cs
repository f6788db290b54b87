using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// A whole cluster of deciders on one thread: nodes by name, one virtual clock, one agenda of (due time, order)
/// deliveries, one seeded network, an in-memory journal and snapshot store. Nothing moves unless the caller runs
/// it (<see cref="RunUntilIdle"/>, <see cref="Advance"/>, <see cref="RunUntil"/>, <see cref="Ask"/>), so the same
/// seed and the same calls give the same trace, bit for bit.
/// </summary>
public sealed class SimWorld
{
    private readonly Dictionary<string, SimNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<SimNode> _nodeOrder = [];
    private readonly Agenda _agenda = new();
    private readonly EffectHandlers _effects = new();
    private readonly StepPerformer _steps;
    private readonly Dictionary<string, SimulatedSingleton> _singletons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimAsk> _openAsks = new(StringComparer.Ordinal);
    private long _asks;

    public SimWorld(int seed, IJournalCodec? codec = null)
    {
        Seed = seed;
        Random = new SimRandom(seed);
        Network = new SimNetwork(this);
        Journal = new SimJournal(codec ?? ObjectJournalCodec.Instance, Clock);
        Snapshots = new SimSnapshotStore(Journal.Codec);
        _steps = new StepPerformer(this, _agenda, _effects);
    }

    public int Seed { get; }

    public SimRandom Random { get; }

    public VirtualClock Clock { get; } = new();

    public SimNetwork Network { get; }

    public SimJournal Journal { get; }

    public SimSnapshotStore Snapshots { get; }

    /// <summary>Sees every input delivered to a decider; null (the default) costs nothing.</summary>
    public DeliveryObserver? Trace { get; set; }

    /// <summary>How long a decider whose journal write was refused stays down before its node hosts it again.</summary>
    public TimeSpan RestartAfterRefusedWrite { get; set; } = TimeSpan.Zero;

    public TimeSpan Elapsed => Clock.Elapsed;

    /// <summary>Inputs given to deciders so far (messages, timers, effect results).</summary>
    public long Deliveries { get; private set; }

    /// <summary>Messages that reached a live node with no decider of that name, or a singleton proxy with no singleton.</summary>
    public long DeadLetters { get; private set; }

    public IReadOnlyList<SimNode> Nodes => _nodeOrder;

    public int PendingDeliveries => _agenda.Count;

    /// <summary>Creates and starts a node; <paramref name="startUp"/> hosts its deciders now and after every restart.</summary>
    public SimNode CreateNode(string name, Action<SimNode>? startUp = null)
    {
        if (name.StartsWith('*'))
        {
            throw new ArgumentException("node names starting with '*' are reserved for proxies and askers", nameof(name));
        }

        if (_nodes.ContainsKey(name))
        {
            throw new InvalidOperationException($"node '{name}' already exists");
        }

        var node = new SimNode(this, name, startUp);
        _nodes[name] = node;
        _nodeOrder.Add(node);
        node.Start();
        return node;
    }

    public SimNode Node(string name) => _nodes.TryGetValue(name, out var node) ? node : throw new KeyNotFoundException($"no node '{name}'");

    public bool IsUp(string name) => _nodes.TryGetValue(name, out var node) && node.IsUp;

    /// <summary>Kills the node: its deciders, timers and messages on their way to it are gone; no code of it runs.</summary>
    public void Crash(string name)
    {
        var node = Node(name);
        node.Crash();
        foreach (var singleton in _singletons.Values)
        {
            singleton.NodeCrashed(node);
        }
    }

    /// <summary>Starts a crashed node again at the same name: its start-up code hosts (and recovers) its deciders anew.</summary>
    public void Restart(string name)
    {
        var node = Node(name);
        if (node.IsUp)
        {
            throw new InvalidOperationException($"node '{name}' is running; crash it first");
        }

        node.Start();
    }

    public void Partition(string a, string b, bool oneWay = false) => Network.Partition(a, b, oneWay);

    public void Isolate(string node) => Network.Isolate(node);

    public void Heal() => Network.HealAll();

    public void SetFaults(string from, string to, LinkFaults faults) => Network.SetFaults(from, to, faults);

    /// <summary>Runs effects of type <typeparamref name="TEffect"/> (or derived) from any decider; the result says what comes back, and when.</summary>
    public void HandleEffect<TEffect>(Func<TEffect, SimAddress, EffectResult> handler)
        where TEffect : notnull => _effects.Add(handler);

    /// <summary>
    /// Runs effects of type <typeparamref name="TEffect"/> at once; a non-null answer is fed back at the same instant
    /// (an <see cref="EffectResult"/> answer is taken as such, so a one-argument lambda can also answer later).
    /// </summary>
    public void HandleEffect<TEffect>(Func<TEffect, object?> handler)
        where TEffect : notnull => _effects.Add<TEffect>((effect, _) => handler(effect) is var answer && answer is EffectResult result ? result : EffectResult.Now(answer));

    /// <summary>
    /// A singleton over the controller nodes: call <see cref="SimulatedSingleton.RunOn"/> in each such node's start-up.
    /// Messages to <see cref="SimAddress.Proxy"/>(<paramref name="name"/>) reach whichever instance is active.
    /// </summary>
    public SimulatedSingleton CreateSingleton(string name, Func<long, IDecider> create, SingletonTimings? timings = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        return CreateSingleton(name, (_, epoch) => create(epoch), timings);
    }

    /// <summary>As the other overload, for a singleton that needs to know which node hosts it (a VRM names its holder).</summary>
    public SimulatedSingleton CreateSingleton(string name, Func<SimNode, long, IDecider> create, SingletonTimings? timings = null)
    {
        var singleton = new SimulatedSingleton(this, name, create, timings ?? new SingletonTimings());
        _singletons.Add(name, singleton);
        return singleton;
    }

    /// <summary>Puts a message from outside the network (no link, no faults) on the agenda for now.</summary>
    public void Send(SimAddress to, object message, Peer from = default) => Route(null, from, to, message);

    /// <summary>
    /// Asks a decider from outside and runs the world until it answers (a step.Send to the asker's peer) or
    /// <paramref name="limit"/> of virtual time has passed. The asker is outside the network: neither the question
    /// nor the answer crosses a link. A proxy target asks the active singleton, if any.
    /// </summary>
    public object Ask(Peer target, object question, TimeSpan limit)
    {
        var ask = BeginAsk(target, question);
        var answered = RunUntil(() => ask.IsAnswered, limit);
        _openAsks.Remove(ask.Asker.Name);
        return answered ? ask.Answer! : throw new TimeoutException($"{target} did not answer {question.GetType().Name} within {limit}");
    }

    /// <summary>
    /// Asks as <see cref="Ask"/> does but does not run the world: the answer, if one comes, shows on the returned
    /// handle once the world has run far enough. <see cref="SimAsk.Forget"/> a handle whose answer is no longer wanted.
    /// </summary>
    public SimAsk BeginAsk(Peer target, object question)
    {
        var to = target.Ref as SimAddress ?? throw new ArgumentException("a simulated peer holds a SimAddress", nameof(target));
        var ask = new SimAsk(this, new SimAddress(SimAddress.AskerNode, "ask-" + ++_asks), question, Clock.Elapsed);
        _openAsks[ask.Asker.Name] = ask;
        Route(null, ask.Asker.AsPeer(), to, question);
        return ask;
    }

    internal void Forget(SimAsk ask) => _openAsks.Remove(ask.Asker.Name);

    /// <summary>Delivers everything due now, including what that causes now. Returns how many deliveries ran.</summary>
    public long RunUntilIdle() => RunThrough(Clock.Ticks);

    /// <summary>Moves virtual time forward, delivering everything due on the way in due order.</summary>
    public void Advance(TimeSpan duration)
    {
        var target = Clock.Ticks + duration.Ticks;
        RunThrough(target);
        Clock.MoveTo(target);
    }

    /// <summary>
    /// Runs until <paramref name="done"/> holds, checked after each instant's deliveries, jumping from due time to due
    /// time but never past <paramref name="within"/> from now. This is how anything "waits" in the simulation.
    /// </summary>
    public bool RunUntil(Func<bool> done, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = Clock.Ticks + within.Ticks;
        while (true)
        {
            RunUntilIdle();
            if (done())
            {
                return true;
            }

            var next = _agenda.NextDueTicks;
            if (next is null || next.Value > deadline)
            {
                Clock.MoveTo(deadline);
                return done();
            }

            RunThrough(next.Value);
        }
    }

    internal SimulatedSingleton? Singleton(string name) => _singletons.GetValueOrDefault(name);

    internal void Schedule(long dueTicks, Delivery delivery) => _agenda.At(dueTicks, delivery);

    internal bool FeedByName(SimNode node, string name, object message, Peer from)
    {
        if (node.Find(name) is not { } hosted)
        {
            DeadLetters++;
            return false;
        }

        Feed(hosted, message, from);
        return true;
    }

    internal void Feed(HostedDecider hosted, object input, Peer from)
    {
        Deliveries++;
        Trace?.Invoke(Clock.Elapsed, from, hosted.Address, input);
        _steps.Perform(hosted, hosted.Decider.Decide(input, from, Clock.Now));
    }

    internal void StartDecider(HostedDecider hosted) => _steps.Start(hosted);

    private long RunThrough(long limitTicks)
    {
        long ran = 0;
        while (_agenda.TryTake(limitTicks, out var delivery, out var dueTicks))
        {
            Clock.MoveTo(dueTicks);
            if (delivery.Run(this))
            {
                ran++;
            }
        }

        return ran;
    }

    internal void Route(SimNode? fromNode, Peer from, SimAddress to, object message)
    {
        if (to.IsAsker)
        {
            // Only the first answer counts, as with an ask's promise; an ask given up on hears nothing.
            if (_openAsks.Remove(to.Name, out var open))
            {
                Trace?.Invoke(Clock.Elapsed, from, to, message);
                open.Answered(message, Clock.Elapsed);
            }

            return;
        }

        SimNode? target;
        if (to.IsProxy)
        {
            target = _singletons.GetValueOrDefault(to.Name)?.ActiveNode;
        }
        else
        {
            target = _nodes.GetValueOrDefault(to.Node);
        }

        if (target is null)
        {
            DeadLetters++;
            return;
        }

        if (fromNode is null || fromNode == target)
        {
            if (target.IsUp)
            {
                _agenda.At(Clock.Ticks, new MessageDelivery(fromNode, from, target, target.Incarnation, to.Name, message));
            }

            return;
        }

        Network.Send(fromNode, from, target, to.Name, message);
    }
}
