using System.Security.Cryptography;
using System.Text;
using Cluster.Actors.Deterministic;

namespace Cluster.Actors.Tests.Kernel;

public sealed class DeterminismTests
{
    private sealed record Token(int Hops, int Value);

    /// <summary>Passes tokens to a random peer (on any node), mixing in randomness and timers.</summary>
    private sealed class Gossiper(List<ActorRef> peers) : ActorBase
    {
        private int _timerKey;

        protected override void OnReceive(object message)
        {
            if (message is Token { Hops: > 0 } token)
            {
                var next = peers[Context.Random.Next(peers.Count)];
                if (Context.Random.Next(4) == 0)
                {
                    Timers.StartSingleTimer(_timerKey++, token with { Hops = token.Hops - 1 }, TimeSpan.FromMilliseconds(Context.Random.Next(1, 500)));
                    return;
                }

                next.Tell(token with { Hops = token.Hops - 1, Value = token.Value ^ Context.Random.Next() }, Self);
            }
        }
    }

    private static (string Hash, long Messages) Run(int seed)
    {
        var world = new DeterministicWorld(seed);
        var peers = new List<ActorRef>();
        var nodes = new[] { "a", "b", "c" };
        foreach (var node in nodes)
        {
            world.CreateNode(node);
        }

        foreach (var node in nodes)
        {
            for (var i = 0; i < 10; i++)
            {
                peers.Add(world.Node(node).ActorOf(Props.Create(() => new Gossiper(peers)), $"g{i}"));
            }
        }

        world.SetFaults("a", "b", new LinkFaults { DropProbability = 0.05, MinDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(40) });
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        world.Dispatcher.Trace = (recipient, message, sender) =>
            hash.AppendData(Encoding.UTF8.GetBytes($"{world.Clock.GetUtcNow().Ticks}|{sender}|{recipient}|{message}\n"));
        for (var i = 0; i < peers.Count; i++)
        {
            peers[i].Tell(new Token(60, i));
        }

        world.Advance(TimeSpan.FromMinutes(1));
        return (Convert.ToHexString(hash.GetHashAndReset()), world.Dispatcher.ProcessedCount);
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace_bit_for_bit()
    {
        var first = Run(42);
        var second = Run(42);

        Assert.True(first.Messages > 1000, $"the run should be non-trivial, it processed {first.Messages}");
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_give_different_interleavings()
    {
        var hashes = Enumerable.Range(1, 5).Select(seed => Run(seed).Hash).ToHashSet();

        Assert.Equal(5, hashes.Count);
    }
}
