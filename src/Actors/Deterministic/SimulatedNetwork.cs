using Cluster.Actors.Remote;

namespace Cluster.Actors.Deterministic;

/// <summary>
/// The network between simulated nodes. Every fault is per ordered pair of nodes: drop, delay,
/// duplicate, partition (one way or both), plus crashed nodes that neither send nor receive. All
/// chance comes from the dispatcher's seeded random source and all delay from its virtual clock.
/// </summary>
public sealed class SimulatedNetwork
{
    private readonly DeterministicDispatcher _dispatcher;
    private readonly Dictionary<NodeAddress, SimulatedTransport> _nodes = [];
    private readonly Dictionary<(NodeAddress From, NodeAddress To), LinkFaults> _faults = [];
    private readonly HashSet<(NodeAddress From, NodeAddress To)> _cut = [];
    private readonly Dictionary<(NodeAddress From, NodeAddress To), DateTimeOffset> _lastDelivery = [];
    private readonly HashSet<NodeAddress> _down = [];

    public SimulatedNetwork(DeterministicDispatcher dispatcher) => _dispatcher = dispatcher;

    public long Sent { get; private set; }

    public long Dropped { get; private set; }

    public long Delivered { get; private set; }

    public LinkFaults DefaultFaults { get; set; } = LinkFaults.None;

    public ITransport CreateTransport(NodeAddress address) => new SimulatedTransport(this, address);

    public void SetFaults(NodeAddress from, NodeAddress to, LinkFaults faults)
    {
        faults.Validate();
        _faults[(from, to)] = faults;
    }

    /// <summary>Cuts traffic from <paramref name="a"/> to <paramref name="b"/>, and back unless <paramref name="oneWay"/>.</summary>
    public void Partition(NodeAddress a, NodeAddress b, bool oneWay = false)
    {
        _cut.Add((a, b));
        if (!oneWay)
        {
            _cut.Add((b, a));
        }
    }

    /// <summary>Isolates a node from every other node.</summary>
    public void Isolate(NodeAddress node)
    {
        foreach (var other in _nodes.Keys.Where(other => !other.Equals(node)))
        {
            Partition(node, other);
        }
    }

    /// <summary>Removes every partition and every per-link fault.</summary>
    public void Heal()
    {
        _cut.Clear();
        _faults.Clear();
    }

    public void Heal(NodeAddress a, NodeAddress b)
    {
        _cut.Remove((a, b));
        _cut.Remove((b, a));
    }

    public bool IsReachable(NodeAddress from, NodeAddress to) =>
        !_cut.Contains((from, to)) && !_down.Contains(from) && !_down.Contains(to) && _nodes.ContainsKey(to);

    internal void MarkDown(NodeAddress node) => _down.Add(node);

    internal void Register(SimulatedTransport transport)
    {
        _nodes[transport.LocalAddress] = transport;
        _down.Remove(transport.LocalAddress);
    }

    internal void Send(NodeAddress from, NodeAddress to, RemoteEnvelope envelope)
    {
        Sent++;
        var faults = _faults.GetValueOrDefault((from, to), DefaultFaults);
        if (!IsReachable(from, to) || Chance(faults.DropProbability))
        {
            Dropped++;
            return;
        }

        var copies = Chance(faults.DuplicateProbability) ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            Schedule(from, to, envelope, faults);
        }
    }

    private void Schedule(NodeAddress from, NodeAddress to, RemoteEnvelope envelope, LinkFaults faults)
    {
        var now = _dispatcher.Clock.GetUtcNow();
        var delay = faults.MinDelay;
        if (faults.MaxDelay > faults.MinDelay)
        {
            delay += TimeSpan.FromTicks((long)(_dispatcher.Random.NextDouble() * (faults.MaxDelay - faults.MinDelay).Ticks));
        }

        var at = now + delay;
        if (_lastDelivery.TryGetValue((from, to), out var last) && last > at)
        {
            at = last;
        }

        _lastDelivery[(from, to)] = at;
        if (at <= now)
        {
            Arrive(from, to, envelope);
            return;
        }

        _dispatcher.Clock.CreateTimer(_ => Arrive(from, to, envelope), null, at - now, Timeout.InfiniteTimeSpan);
    }

    // Checked again on arrival: a partition or crash that happened while the message was in flight loses it.
    private void Arrive(NodeAddress from, NodeAddress to, RemoteEnvelope envelope)
    {
        if (!IsReachable(from, to) || !_nodes.TryGetValue(to, out var target))
        {
            Dropped++;
            return;
        }

        Delivered++;
        target.Receive(from, envelope);
    }

    private bool Chance(double probability) => probability > 0 && _dispatcher.Random.NextDouble() < probability;
}
