using Cluster.Deciders;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Tests.World;

/// <summary>
/// Three nodes gossip counters to each other over faulty links (drops, duplicates, random delays) with periodic
/// timers, a crash and a restart: the trace's SHA-256 must depend on the seed and on nothing else.
/// </summary>
public sealed class DeterminismTests
{
    private static readonly string[] Nodes = ["n1", "n2", "n3"];

    private static SimWorld GossipWorld(int seed)
    {
        var world = new SimWorld(seed);
        var faults = new LinkFaults { DropProbability = 0.1, DuplicateProbability = 0.05, MinDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(80) };
        world.Network.DefaultFaults = faults;
        foreach (var name in Nodes)
        {
            world.CreateNode(name, node => node.Host("gossip", () => Gossiper(name)));
        }

        return world;
    }

    private static ScriptedDecider Gossiper(string self)
    {
        var peers = Array.FindAll(Nodes, n => n != self).Select(n => new Peer(new SimAddress(n, "gossip"))).ToArray();
        var sent = 0;
        return new ScriptedDecider(
            (step, input, from) =>
            {
                switch (input)
                {
                    case Ping:
                        step.Send(peers[sent++ % peers.Length], new Pong(sent));
                        break;
                    case Pong pong when pong.N % 3 != 0:
                        step.Send(from, new Pong(pong.N + 1));
                        break;
                }
            },
            step => step.StartPeriodicTimer("gossip", new Ping(0), TimeSpan.FromMilliseconds(100)));
    }

    private static (string Hash, long Deliveries) Run(int seed, TimeSpan length)
    {
        var world = GossipWorld(seed);
        using var digest = new TraceDigest();
        world.Trace = digest.Observe;
        world.Advance(length / 2);
        world.Crash("n2");
        world.Advance(TimeSpan.FromSeconds(1));
        world.Restart("n2");
        world.Advance(length / 2);
        return (digest.Hex(), digest.Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace_and_different_seeds_give_different_ones()
    {
        var length = TimeSpan.FromSeconds(30);
        var hashes = Enumerable.Range(1, 5).Select(seed => Run(seed, length).Hash).ToList();

        Assert.Equal(5, hashes.Distinct().Count());
        Assert.Equal(hashes[2], Run(3, length).Hash);
    }

    [Fact]
    public void The_trace_covers_timer_firings_and_messages()
    {
        var (_, deliveries) = Run(1, TimeSpan.FromSeconds(10));

        // 3 nodes x 10 beats a second x ~10 s, plus at least as many messages.
        Assert.True(deliveries > 500, $"{deliveries} deliveries traced");
    }
}
