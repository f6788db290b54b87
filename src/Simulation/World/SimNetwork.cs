using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// The links between nodes. Faults are per ordered pair: drop, delay (order kept per link), duplicate, and cuts
/// one way or both. Reachability is checked when a message is sent and again when it arrives, because a broken
/// connection loses what it still carried: a cut or a sender's crash while it is in flight loses it; a sender that is
/// up again by then does not.
/// </summary>
public sealed class SimNetwork
{
    private readonly SimWorld _world;

    internal SimNetwork(SimWorld world) => _world = world;

    public long Sent { get; private set; }

    public long Dropped { get; private set; }

    public long Delivered { get; private set; }

    /// <summary>The faults of every link without its own (<see cref="SetFaults"/>).</summary>
    public LinkFaults DefaultFaults
    {
        get;
        set
        {
            value.Validate();
            field = value;
        }
    } = LinkFaults.None;

    public void SetFaults(string from, string to, LinkFaults faults)
    {
        faults.Validate();
        LinkOf(from, to).Faults = faults;
    }

    /// <summary>Cuts traffic from <paramref name="a"/> to <paramref name="b"/>, and back unless <paramref name="oneWay"/>.</summary>
    public void Partition(string a, string b, bool oneWay = false)
    {
        LinkOf(a, b).Cut = true;
        if (!oneWay)
        {
            LinkOf(b, a).Cut = true;
        }
    }

    /// <summary>Cuts a node off from every other node, both ways.</summary>
    public void Isolate(string node)
    {
        foreach (var other in _world.Nodes)
        {
            if (other.Name != node)
            {
                Partition(node, other.Name);
            }
        }
    }

    /// <summary>Heals both directions between two nodes; their faults stay.</summary>
    public void Heal(string a, string b)
    {
        LinkOf(a, b).Cut = false;
        LinkOf(b, a).Cut = false;
    }

    /// <summary>Removes every cut and every per-link fault.</summary>
    public void HealAll()
    {
        foreach (var node in _world.Nodes)
        {
            foreach (var link in node.Links)
            {
                link.Cut = false;
                link.Faults = null;
            }
        }
    }

    public bool IsCut(string from, string to) => LinkOf(from, to).Cut;

    internal void Send(SimNode from, Peer sender, SimNode to, string name, object message)
    {
        Sent++;
        var link = from.LinkTo(to);
        var faults = link.Faults ?? DefaultFaults;
        var random = _world.Random;
        if (link.Cut || !from.IsUp || !to.IsUp || random.Chance(faults.DropProbability))
        {
            Dropped++;
            return;
        }

        var copies = random.Chance(faults.DuplicateProbability) ? 2 : 1;
        for (var copy = 0; copy < copies; copy++)
        {
            var now = _world.Clock.Ticks;
            var spread = faults.MaxDelay.Ticks - faults.MinDelay.Ticks;
            var at = now + faults.MinDelay.Ticks + (spread > 0 ? (long)(random.NextDouble() * spread) : 0);
            if (at < link.LastArrivalTicks)
            {
                at = link.LastArrivalTicks;
            }

            link.LastArrivalTicks = at;
            _world.Schedule(at, new MessageDelivery(from, sender, to, to.Incarnation, name, message));
        }
    }

    /// <summary>Whether a message sent from <paramref name="from"/> still reaches the life of the target it was sent to.</summary>
    internal bool Arrives(SimNode? from, SimNode target, int targetIncarnation)
    {
        if (!target.IsUp || target.Incarnation != targetIncarnation)
        {
            if (from is not null && from != target)
            {
                Dropped++;
            }

            return false;
        }

        if (from is null || from == target)
        {
            return true;
        }

        if (!from.IsUp || from.LinkTo(target).Cut)
        {
            Dropped++;
            return false;
        }

        Delivered++;
        return true;
    }

    private Link LinkOf(string from, string to) => _world.Node(from).LinkTo(_world.Node(to));
}
